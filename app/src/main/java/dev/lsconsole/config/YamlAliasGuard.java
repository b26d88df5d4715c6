package dev.lsconsole.config;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * litestream's YAML parser (gopkg.in/yaml.v2 2.4) accepts any number of aliases and refuses only a
 * document whose expansion is mostly aliases ("billion laughs"). SnakeYAML instead caps aliases at
 * 50, which rejects an ordinary config that reuses one anchor for many databases. This walks the
 * composed node graph with yaml.v2's own counting rule, so the loader can lift SnakeYAML's cap and
 * still refuse an alias bomb, with yaml.v2's words. One deliberate difference: yaml.v2 counts only
 * what it decodes into litestream's config struct, so it never expands a bomb under a key litestream
 * does not know; this walks the whole document, because SnakeYAML constructs all of it.
 */
final class YamlAliasGuard {
    private static final int RANGE_LOW = 400_000;
    private static final int RANGE_HIGH = 4_000_000;

    private final Map<Node, Boolean> seen = new IdentityHashMap<>();
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private long decodeCount;
    private long aliasCount;
    private int aliasDepth;

    private YamlAliasGuard() {
    }

    /** Throws {@link IllegalArgumentException} with yaml.v2's message when the document must be refused. */
    static void check(Node root) {
        if (root != null) {
            new YamlAliasGuard().visit(root);
        }
    }

    private void visit(Node n) {
        if (onPath.containsKey(n)) {
            throw new IllegalArgumentException("anchor value contains itself");
        }
        boolean alias = seen.containsKey(n);
        seen.put(n, Boolean.TRUE);
        if (alias) {
            aliasDepth++;
        }
        decodeCount++;
        if (aliasDepth > 0) {
            aliasCount++;
        }
        if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedRatio(decodeCount)) {
            throw new IllegalArgumentException("document contains excessive aliasing");
        }
        onPath.put(n, Boolean.TRUE);
        if (n instanceof SequenceNode s) {
            s.getValue().forEach(this::visit);
        } else if (n instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                visit(t.getKeyNode());
                visit(t.getValueNode());
            }
        }
        onPath.remove(n);
        if (alias) {
            aliasDepth--;
        }
    }

    /** yaml.v2's allowedAliasRatio: 99 % for small documents, scaling down to 10 % for very large ones. */
    private static double allowedRatio(long decodeCount) {
        if (decodeCount <= RANGE_LOW) {
            return 0.99;
        }
        if (decodeCount >= RANGE_HIGH) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((double) (decodeCount - RANGE_LOW) / (RANGE_HIGH - RANGE_LOW));
    }
}
