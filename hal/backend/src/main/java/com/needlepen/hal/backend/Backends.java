package com.needlepen.hal.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The backends on the class path, by name: the one place a profile's {@code backend:} value is resolved. */
public final class Backends {

    private final List<PenBackend> known;

    private Backends(List<PenBackend> known) {
        this.known = List.copyOf(known);
    }

    /** The backends this program was built with (every module that provides {@link PenBackend}). */
    public static Backends installed() {
        List<PenBackend> found = new ArrayList<>();
        ServiceLoader.load(PenBackend.class).forEach(found::add);
        return new Backends(found);
    }

    /** A fixed set, for tests. */
    public static Backends of(PenBackend... backends) {
        return new Backends(List.of(backends));
    }

    /** Their names, in a stable order. */
    public List<String> names() {
        return known.stream().map(PenBackend::name).sorted().toList();
    }

    /**
     * The backend named {@code name}; {@code where} says where the name came from (the profile's
     * file and key) for the one-line error that lists the known ones.
     */
    public PenBackend named(String name, String where) {
        for (PenBackend b : known) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new BackendException(where + ": backend '" + name + "' is not known; known backends: "
                + (known.isEmpty() ? "none (this build has no backend module)" : String.join(", ", names())));
    }
}
