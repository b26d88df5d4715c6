package dev.lsconsole.ui.browse;

import dev.lsconsole.history.Histories;
import dev.lsconsole.history.History;
import dev.lsconsole.replica.Catalog;
import dev.lsconsole.replica.Layout;
import dev.lsconsole.replica.LtxFileInfo;
import dev.lsconsole.replica.LtxNames;
import dev.lsconsole.replica.ObjectIterator;
import dev.lsconsole.replica.Replica;
import dev.lsconsole.replica.SnapshotInfo;
import dev.lsconsole.replica.WalSegmentInfo;
import dev.lsconsole.restore.GenerationBounds;
import dev.lsconsole.restore.RestorePlanner;
import dev.lsconsole.ui.common.Ctx;
import dev.lsconsole.ui.common.Fmt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The catalog as a tree: databases → replicas → generations (with their time range) → snapshots and
 * WAL segments; a replica's litestream v0.5 chain sits beside its generations, with its levels → LTX files. Children are listed when a node is first expanded, off the FX thread; WAL segments are
 * grouped by index, at most {@value #MAX_LEAVES} groups shown.
 */
public final class ReplicaTree extends TreeView<ReplicaTree.Node> {
    static final int MAX_LEAVES = 2000;

    public sealed interface Node permits Db, Rep, Gen, Group, Level, Leaf {
    }

    public record Db(Catalog.Database db) implements Node {
    }

    public record Rep(Catalog.Database db, Replica replica) implements Node {
    }

    public record Gen(Catalog.Database db, Replica replica, GenerationBounds bounds, boolean latest) implements Node {
    }

    public record Group(Gen gen, boolean snapshots) implements Node {
    }

    /** One compaction level of a replica's v0.5 chain (9: snapshots), with how many files it holds. */
    public record Level(Gen gen, int level, long files) implements Node {
    }

    public record Leaf(String text) implements Node {
    }

    /** Called when a generation is chosen. */
    public interface GenerationListener {
        /** {@code all}: every generation of that replica, for the timeline's lanes. */
        void chosen(Catalog.Database db, Replica replica, String generation, List<GenerationBounds> all);
    }

    private final Ctx ctx;
    private final GenerationListener listener;
    private final ReplicaBadges badges;
    private boolean autoSelect;

    public ReplicaTree(Ctx ctx, GenerationListener listener) {
        this.ctx = ctx;
        this.listener = listener;
        this.badges = new ReplicaBadges(ctx);
        setId("replica-tree");
        setShowRoot(false);
        setCellFactory(v -> new Cell());
        getSelectionModel().selectedItemProperty().addListener((o, a, item) -> {
            if (item != null && item.getValue() instanceof Gen g) {
                List<GenerationBounds> all = item.getParent() == null ? List.of(g.bounds())
                        : item.getParent().getChildren().stream().map(TreeItem::getValue)
                        .filter(n -> n instanceof Gen).map(n -> ((Gen) n).bounds()).toList();
                listener.chosen(g.db(), g.replica(), g.bounds().generation(), all);
            }
        });
    }

    /**
     * The replica of the selected node or of the nearest node above it (a WAL index or a snapshot lies in
     * its generation's replica), a selected database's only replica, else null.
     */
    public Replica selectedReplica() {
        for (TreeItem<Node> i = getSelectionModel().getSelectedItem(); i != null; i = i.getParent()) {
            Node n = i.getValue();
            if (n instanceof Rep r) {
                return r.replica();
            } else if (n instanceof Gen g) {
                return g.replica();
            } else if (n instanceof Group g) {
                return g.gen().replica();
            } else if (n instanceof Level l) {
                return l.gen().replica();
            } else if (n instanceof Db d) {
                return d.db().replicas().size() == 1 ? d.db().replicas().get(0) : null;
            }
        }
        return null;
    }

    /** Each replica's health badge (from a background check started by {@link #show}). */
    public ReplicaBadges badges() {
        return badges;
    }

    /** Shows a catalog and checks its replicas' health in the background ({@code maxLag} null: lag ignored). */
    public void show(Catalog catalog, java.time.Duration maxLag) {
        show(catalog);
        badges.checkAll(catalog, maxLag);
    }

    /** Shows a catalog; its first replica is expanded and its latest generation chosen. */
    public void show(Catalog catalog) {
        TreeItem<Node> root = new TreeItem<>(new Leaf(catalog.source()));
        for (Catalog.Database d : catalog.databases()) {
            TreeItem<Node> dbItem = new TreeItem<>(new Db(d));
            for (Replica r : d.replicas()) {
                dbItem.getChildren().add(new Lazy(new Rep(d, r), () -> generations(d, r)));
            }
            dbItem.setExpanded(true);
            root.getChildren().add(dbItem);
        }
        setRoot(root);
        autoSelect = true;
        if (!root.getChildren().isEmpty() && !root.getChildren().get(0).getChildren().isEmpty()) {
            root.getChildren().get(0).getChildren().get(0).setExpanded(true);
        }
    }

    /** Chooses another generation of the replica whose generation is chosen now (the timeline's lanes). */
    public void selectSibling(String generation) {
        TreeItem<Node> item = getSelectionModel().getSelectedItem();
        if (item == null || item.getParent() == null) {
            return;
        }
        for (TreeItem<Node> sibling : item.getParent().getChildren()) {
            if (sibling.getValue() instanceof Gen g && g.bounds().generation().equals(generation)) {
                getSelectionModel().select(sibling);
                return;
            }
        }
    }

    private List<Node> generations(Catalog.Database d, Replica r) {
        RestorePlanner planner = new RestorePlanner();
        List<GenerationBounds> bounds = new ArrayList<>();
        for (String g : r.client().generations()) {
            bounds.add(planner.bounds(r, g));
        }
        GenerationBounds ltx = ltxBounds(r);
        if (!ltx.isEmpty()) {
            bounds.add(ltx);
        }
        Instant newest = bounds.stream().filter(b -> !b.isEmpty()).map(GenerationBounds::updatedAt)
                .max(Comparator.naturalOrder()).orElse(null);
        List<Node> out = new ArrayList<>();
        for (GenerationBounds b : bounds) {
            out.add(new Gen(d, r, b, newest != null && newest.equals(b.updatedAt())));
        }
        if (out.isEmpty()) {
            out.add(new Leaf("no generations: nothing replicated here yet"));
        }
        return out;
    }

    /** The v0.5 chain's figures as a generation's: its files' time range, level-9 snapshots and other files. */
    static GenerationBounds ltxBounds(Replica r) {
        return Histories.ltxBounds(r);
    }

    private static boolean isLtx(Gen g) {
        return History.LTX_ID.equals(g.bounds().generation());
    }

    /** The levels of the v0.5 chain that hold files, snapshots (9) first, then 8 … 0. */
    private static List<Node> levels(Gen g) {
        List<Node> out = new ArrayList<>();
        List<Integer> levels = new ArrayList<>(g.replica().client().ltxLevels());
        levels.sort(Comparator.reverseOrder());
        for (int level : levels) {
            long n = 0;
            try (ObjectIterator<LtxFileInfo> it = g.replica().client().ltxFiles(level)) {
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
            }
            if (n > 0) {
                out.add(new Level(g, level, n));
            }
        }
        return out;
    }

    private static List<Node> ltxFiles(Level l) {
        List<Node> out = new ArrayList<>();
        try (ObjectIterator<LtxFileInfo> it = l.gen().replica().client().ltxFiles(l.level())) {
            while (it.hasNext() && out.size() < MAX_LEAVES) {
                LtxFileInfo f = it.next();
                out.add(new Leaf("TXID " + LtxNames.txid(f.minTxid()) + " – " + LtxNames.txid(f.maxTxid()) + " · "
                        + Fmt.bytes(f.size()) + " · " + Fmt.time(f.createdAt())));
            }
            if (it.hasNext()) {
                out.add(new Leaf("… more files: see the timeline"));
            }
        }
        return out;
    }

    private static List<Node> objects(Group g) {
        Replica r = g.gen().replica();
        String gen = g.gen().bounds().generation();
        List<Node> out = new ArrayList<>();
        if (g.snapshots()) {
            try (ObjectIterator<SnapshotInfo> it = r.client().snapshots(gen)) {
                while (it.hasNext() && out.size() < MAX_LEAVES) {
                    SnapshotInfo s = it.next();
                    out.add(new Leaf("snapshot " + Layout.hex8(s.index()) + " · " + Fmt.bytes(s.size()) + " · "
                            + Fmt.time(s.createdAt())));
                }
            }
            return out;
        }
        try (ObjectIterator<WalSegmentInfo> it = r.client().walSegments(gen)) {
            int index = -1;
            long n = 0;
            long bytes = 0;
            Instant first = null;
            Instant last = null;
            while (it.hasNext() && out.size() < MAX_LEAVES) {
                WalSegmentInfo s = it.next();
                if (s.index() != index && index >= 0) {
                    out.add(walLeaf(index, n, bytes, first, last));
                    n = 0;
                    bytes = 0;
                    first = null;
                }
                index = s.index();
                n++;
                bytes += s.size();
                first = first == null ? s.createdAt() : first;
                last = s.createdAt();
            }
            if (index >= 0 && out.size() < MAX_LEAVES) {
                out.add(walLeaf(index, n, bytes, first, last));
            }
            if (it.hasNext()) {
                out.add(new Leaf("… more indexes: see the timeline"));
            }
        }
        return out;
    }

    private static Leaf walLeaf(int index, long n, long bytes, Instant first, Instant last) {
        return new Leaf("WAL index " + Layout.hex8(index) + " · " + n + (n == 1 ? " segment" : " segments") + " · "
                + Fmt.bytes(bytes) + " · " + Fmt.CLOCK.format(first) + (n > 1 ? " – " + Fmt.CLOCK.format(last) : ""));
    }

    /** A node whose children are listed on first expansion. */
    private class Lazy extends TreeItem<Node> {
        private boolean loaded;

        Lazy(Node value, Supplier<List<Node>> loader) {
            super(value);
            getChildren().add(new TreeItem<>(new Leaf("loading…")));
            expandedProperty().addListener((o, was, is) -> {
                if (is && !loaded) {
                    loaded = true;
                    load(loader);
                }
            });
        }

        private void load(Supplier<List<Node>> loader) {
            ctx.jobs.job(c -> loader.get()).onSuccess(nodes -> {
                List<TreeItem<Node>> items = new ArrayList<>();
                for (Node n : nodes) {
                    items.add(n instanceof Gen g ? generationItem(g)
                            : n instanceof Level l ? new Lazy(l, () -> ltxFiles(l)) : new TreeItem<>(n));
                }
                getChildren().setAll(items);
                if (autoSelect) {
                    for (TreeItem<Node> i : items) {
                        if (i.getValue() instanceof Gen g && g.latest()) {
                            autoSelect = false;
                            getSelectionModel().select(i);
                        }
                    }
                }
            }).onError(t -> {
                loaded = false;
                setExpanded(false);
                getChildren().setAll(new TreeItem<>(new Leaf("not readable: see the error")));
                ctx.showError("Reading " + label(getValue()), t);
            }).start();
        }
    }

    private TreeItem<Node> generationItem(Gen g) {
        if (isLtx(g)) {
            return new LevelsItem(g);
        }
        TreeItem<Node> item = new TreeItem<>(g);
        item.getChildren().add(new Lazy(new Group(g, true), () -> objects(new Group(g, true))));
        item.getChildren().add(new Lazy(new Group(g, false), () -> objects(new Group(g, false))));
        return item;
    }

    /** The v0.5 chain's node: its levels are listed on first expansion, each level's files on its own. */
    private final class LevelsItem extends Lazy {
        LevelsItem(Gen g) {
            super(g, () -> levels(g));
        }
    }

    static String label(Node n) {
        if (n instanceof Db d) {
            return d.db().title();
        }
        if (n instanceof Rep r) {
            return "replica " + r.replica().name() + " · " + r.replica().client().location();
        }
        if (n instanceof Gen g && isLtx(g)) {
            GenerationBounds b = g.bounds();
            return "v0.5 LTX chain" + (b.isEmpty() ? " · empty" : " · " + Fmt.time(b.createdAt()) + " – "
                    + Fmt.CLOCK.format(b.updatedAt()) + " · " + b.snapshots() + " snapshots, " + b.segments()
                    + " LTX files · " + Fmt.bytes(b.bytes())) + (g.latest() ? " · latest" : "");
        }
        if (n instanceof Level l) {
            return (l.level() == LtxNames.SNAPSHOT_LEVEL ? "Level 9 · snapshots" : "Level " + l.level()) + " ("
                    + l.files() + (l.files() == 1 ? " file)" : " files)");
        }
        if (n instanceof Gen g) {
            GenerationBounds b = g.bounds();
            return b.generation() + (b.isEmpty() ? " · empty" : " · " + Fmt.time(b.createdAt()) + " – "
                    + Fmt.CLOCK.format(b.updatedAt()) + " · " + b.snapshots() + " snapshots, " + b.segments() + " WAL · "
                    + Fmt.bytes(b.bytes())) + (g.latest() ? " · latest" : "");
        }
        if (n instanceof Group gr) {
            return gr.snapshots() ? "Snapshots (" + gr.gen().bounds().snapshots() + ")"
                    : "WAL segments (" + gr.gen().bounds().segments() + ")";
        }
        return ((Leaf) n).text();
    }

    private static Feather icon(Node n) {
        if (n instanceof Db) {
            return Feather.DATABASE;
        }
        if (n instanceof Rep) {
            return Feather.CLOUD;
        }
        if (n instanceof Gen) {
            return Feather.GIT_COMMIT;
        }
        if (n instanceof Group gr) {
            return gr.snapshots() ? Feather.CAMERA : Feather.LAYERS;
        }
        if (n instanceof Level l) {
            return l.level() == LtxNames.SNAPSHOT_LEVEL ? Feather.CAMERA : Feather.LAYERS;
        }
        return Feather.FILE;
    }

    private final class Cell extends TreeCell<Node> {
        @Override
        protected void updateItem(Node n, boolean empty) {
            super.updateItem(n, empty);
            setTooltip(null);
            if (empty || n == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(label(n));
            ReplicaBadges.Badge b = n instanceof Rep r ? badges.of(r.replica()) : null;
            if (b == null) {
                setGraphic(new FontIcon(icon(n)));
                return;
            }
            javafx.scene.control.Label badge = new javafx.scene.control.Label(b.status());
            badge.getStyleClass().addAll("badge", "health-badge", b.status().equals("ok") ? "badge-ok" : "badge-bad");
            javafx.scene.layout.HBox graphic = new javafx.scene.layout.HBox(6, new FontIcon(icon(n)), badge);
            graphic.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (!b.reason().isEmpty()) { // why, without a hover: "fail lag replica file · …"
                javafx.scene.control.Label reason = new javafx.scene.control.Label(b.reason());
                reason.getStyleClass().addAll("health-reason", "text-muted");
                graphic.getChildren().add(reason);
            }
            setGraphic(graphic);
            badge.setTooltip(new javafx.scene.control.Tooltip(b.tooltip()));
            setTooltip(new javafx.scene.control.Tooltip(b.tooltip()));
        }
    }
}
