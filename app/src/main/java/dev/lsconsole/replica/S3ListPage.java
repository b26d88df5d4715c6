package dev.lsconsole.replica;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One page of an S3 ListObjectsV2 answer, read with the JDK's StAX parser (no DTDs, no external
 * entities): the objects (key, size, last modified), the common prefixes, and the next page's token.
 */
record S3ListPage(List<Entry> objects, List<String> prefixes, String nextToken) {
    private static final XMLInputFactory XML = factory();

    /** One listed object. */
    record Entry(String key, long size, Instant lastModified) {
    }

    static S3ListPage parse(InputStream in) throws XMLStreamException {
        XMLStreamReader r = XML.createXMLStreamReader(in);
        List<Entry> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String next = null;
        boolean truncated = false;
        String key = null;
        long size = 0;
        Instant modified = null;
        boolean inContents = false;
        boolean inPrefixes = false;
        try {
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
                        if (r.getLocalName().equals("Contents")) {
                            objects.add(new Entry(key, size, modified));
                            inContents = false;
                        } else if (r.getLocalName().equals("CommonPrefixes")) {
                            inPrefixes = false;
                        }
                    }
                    continue;
                }
                switch (r.getLocalName()) {
                    case "Contents" -> {
                        inContents = true;
                        key = null;
                        size = 0;
                        modified = null;
                    }
                    case "CommonPrefixes" -> inPrefixes = true;
                    case "Key" -> key = inContents ? r.getElementText() : key;
                    case "Size" -> size = inContents ? Long.parseLong(r.getElementText().trim()) : size;
                    case "LastModified" -> modified = inContents ? Instant.parse(r.getElementText().trim()) : modified;
                    case "Prefix" -> {
                        String p = r.getElementText();
                        if (inPrefixes) {
                            prefixes.add(p);
                        }
                    }
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(r.getElementText().trim());
                    case "NextContinuationToken" -> next = r.getElementText();
                    default -> {
                        // other fields (ETag, StorageClass, Owner …) are not needed
                    }
                }
            }
        } finally {
            r.close();
        }
        return new S3ListPage(objects, prefixes, truncated && next != null && !next.isEmpty() ? next : null);
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return f;
    }
}
