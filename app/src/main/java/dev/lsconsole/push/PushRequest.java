package dev.lsconsole.push;

import dev.lsconsole.sql.Value;
import java.util.List;

/** One table of a push and the keys of its rows to push (null: every differing row). */
public record PushRequest(String table, List<List<Value>> keys) {
    public PushRequest {
        keys = keys == null ? null : List.copyOf(keys);
    }
}
