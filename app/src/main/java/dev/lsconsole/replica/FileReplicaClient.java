package dev.lsconsole.replica;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A replica on a local (or mounted) file system, as litestream's {@code type: file}. */
public final class FileReplicaClient implements ReplicaClient {
    private final Path root;

    public FileReplicaClient(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public boolean isMissing() {
        // only a folder known not to exist: one Java cannot look at (a parent it may not search) is no
        // "missing" replica to skip, as litestream skips only on ENOENT
        return Files.notExists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public String objectLocation(String relativeKey) {
        return root.resolve(relativeKey).toString();
    }

    @Override
    public List<String> generations() {
        Path dir = root.resolve("generations");
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Layout.isGenerationName(name) && Files.isDirectory(p)) {
                    out.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(root)) {
                throw ReplicaException.onThisMachine("replica directory not found: " + root);
            }
            return List.of();
        } catch (NotDirectoryException e) {
            throw ReplicaException.onThisMachine("not a replica directory: " + dir + " is a file");
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot list " + dir + ": " + describe(e), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public ObjectIterator<SnapshotInfo> snapshots(String generation) {
        Path dir = root.resolve("generations").resolve(generation).resolve("snapshots");
        List<SnapshotInfo> out = new ArrayList<>();
        for (Entry e : list(dir)) {
            int index = Layout.parseSnapshotName(e.name);
            if (index >= 0) {
                out.add(new SnapshotInfo(generation, index, e.attrs.size(), e.attrs.lastModifiedTime().toInstant()));
            }
        }
        out.sort(Comparator.comparingInt(SnapshotInfo::index));
        return ObjectIterator.of(out);
    }

    @Override
    public ObjectIterator<WalSegmentInfo> walSegments(String generation) {
        Path dir = root.resolve("generations").resolve(generation).resolve("wal");
        List<WalSegmentInfo> out = new ArrayList<>();
        for (Entry e : list(dir)) {
            long[] io = Layout.parseWalSegmentName(e.name);
            if (io != null) {
                out.add(new WalSegmentInfo(generation, (int) io[0], io[1], e.attrs.size(),
                        e.attrs.lastModifiedTime().toInstant()));
            }
        }
        out.sort(Comparator.comparingInt(WalSegmentInfo::index).thenComparingLong(WalSegmentInfo::offset));
        return ObjectIterator.of(out);
    }

    @Override
    public ObjectIterator<StoredObject> objects() {
        if (!Files.isDirectory(root)) {
            throw ReplicaException.onThisMachine("replica directory not found: " + root);
        }
        java.util.Deque<java.util.Iterator<Path>> stack = new java.util.ArrayDeque<>();
        stack.push(sortedChildren(root).iterator());
        return new ObjectIterator<>() {
            private StoredObject next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    while (!stack.isEmpty() && !stack.peek().hasNext()) {
                        stack.pop();
                    }
                    if (stack.isEmpty()) {
                        return false;
                    }
                    Path p = stack.peek().next();
                    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        stack.push(sortedChildren(p).iterator());
                    } else {
                        next = stored(p);
                    }
                }
                return true;
            }

            @Override
            public StoredObject next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                StoredObject o = next;
                next = null;
                return o;
            }

            @Override
            public void close() {
                stack.clear();
            }
        };
    }

    /** A folder's entries by name (one folder's names are held while it is walked, as litestream lists it). */
    private static List<Path> sortedChildren(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (NoSuchFileException | NotDirectoryException gone) {
            return out; // removed by retention while we listed
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot list " + dir + ": " + describe(e), e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** A regular file as a stored object, or null (a directory, or a file removed while listing). */
    private StoredObject stored(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                return null;
            }
            String key = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
            return new StoredObject(key, a.size(), a.lastModifiedTime().toInstant());
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot read attributes of " + p + ": " + describe(e), e);
        }
    }

    private record Entry(String name, BasicFileAttributes attrs) {
    }

    private static List<Entry> list(Path dir) {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue; // removed by retention while we listed
                }
                if (a.isRegularFile()) {
                    out.add(new Entry(p.getFileName().toString(), a));
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot list " + dir + ": " + describe(e), e);
        }
        return out;
    }

    @Override
    public InputStream openSnapshot(String generation, int index) {
        return open(root.resolve(Layout.snapshotKey("", generation, index)));
    }

    @Override
    public InputStream openWalSegment(Pos pos) {
        return open(root.resolve(Layout.walSegmentKey("", pos.generation(), pos.index(), pos.offset())));
    }

    @Override
    public List<Integer> ltxLevels() {
        List<Integer> out = new ArrayList<>();
        Path dir = root.resolve("ltx");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9]") && Files.isDirectory(p)) {
                    out.add(Integer.parseInt(name));
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot list " + dir + ": " + describe(e), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public ObjectIterator<LtxFileInfo> ltxFiles(int level) {
        List<LtxFileInfo> out = new ArrayList<>();
        for (Entry e : list(root.resolve(LtxNames.fileLevelDir(level)))) {
            long[] mm = LtxNames.parse(e.name);
            if (mm != null) {
                out.add(new LtxFileInfo(level, mm[0], mm[1], e.attrs.size(), e.attrs.lastModifiedTime().toInstant()));
            }
        }
        out.sort(LtxFileInfo.ORDER);
        return ObjectIterator.of(out);
    }

    @Override
    public String ltxKey(int level, long minTxid, long maxTxid) {
        return LtxNames.fileLevelDir(level) + "/" + LtxNames.fileName(minTxid, maxTxid);
    }

    @Override
    public InputStream openLtx(LtxFileInfo f) {
        return open(root.resolve(ltxKey(f.level(), f.minTxid(), f.maxTxid())));
    }

    @Override
    public InputStream openLtxRange(LtxFileInfo f, long offset, long length) {
        Path p = root.resolve(ltxKey(f.level(), f.minTxid(), f.maxTxid()));
        InputStream in = open(p);
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            closeQuietly(in);
            throw ReplicaException.onThisMachine("cannot read " + p + " at offset " + offset + ": " + describe(e), e);
        }
        return new BoundedInput(in, length);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing: the first error is the one reported
        }
    }

    private static InputStream open(Path p) {
        try {
            return Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            throw ReplicaException.onThisMachine("object not found: " + p);
        } catch (IOException e) {
            throw ReplicaException.onThisMachine("cannot read " + p + ": " + describe(e), e);
        }
    }

    static String describe(IOException e) {
        return dev.lsconsole.LocalFiles.reason(e);
    }
}
