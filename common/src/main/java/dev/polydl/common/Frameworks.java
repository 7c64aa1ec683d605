package dev.polydl.common;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds {@link Framework} providers on the classpath, by id (never by discovery order). */
public final class Frameworks {
    private Frameworks() {
    }

    /** Every provider on the classpath, sorted by id. */
    public static List<Framework> all() {
        return ServiceLoader.load(Framework.class).stream().map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Framework::id)).toList();
    }

    /** The provider with this id; fails listing the ids that are present. */
    public static Framework byId(String id) {
        List<Framework> all = all();
        return all.stream().filter(framework -> framework.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no framework '" + id + "' on the classpath; found "
                        + all.stream().map(Framework::id).toList()));
    }
}
