package org.magicsteps.core.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.port.Predictor;

/**
 * The models this service serves, by name, one of them the default: the one every use case runs
 * when its caller names no model. Models can be replaced or withdrawn while requests use them.
 *
 * <p>A request {@link #lease leases} the model it starts with and keeps that very model until it
 * closes the lease, even when an admin replaces it meanwhile; a replaced or withdrawn model is
 * closed (when it is {@link AutoCloseable}) once its last lease is closed. Leasing takes no lock.
 *
 * <p>Besides the models served, it remembers where each name was last loaded from, so that a
 * withdrawn model can be loaded again by name ({@link LoadModel}).
 */
public final class ServedModels implements AutoCloseable {

    /** The name a single model gets when it is served alone ({@link #of}). */
    public static final String DEFAULT_NAME = "default";

    /** A model's name appears in URLs ({@code /v2/models/NAME}) and messages: short, plain, case-sensitive. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * What the service knows under one name: where it was loaded from, and the model served, if
     * any (none once withdrawn).
     *
     * @param name the model's name
     * @param location where it was last loaded from (a bundle directory or a carried model's name)
     * @param model what the model says about itself, or {@code null} when it is not served
     * @param isDefault whether it is the default model
     */
    public record Entry(String name, String location, ModelInfo model, boolean isDefault) {

        public boolean served() {
            return model != null;
        }
    }

    /** A model in use by one request: close it when the request is done with the model. */
    public static final class Lease implements AutoCloseable {
        private final Slot slot;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(Slot slot) {
            this.slot = slot;
        }

        /** The name the model is served under. */
        public String name() {
            return slot.name;
        }

        /** The model, open until this lease is closed. */
        public Predictor predictor() {
            if (closed.get()) {
                throw new IllegalStateException("the lease of model '" + slot.name + "' is closed");
            }
            return slot.predictor;
        }

        /** Ends this request's use of the model; closing twice has no further effect. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                slot.release();
            }
        }
    }

    /**
     * One model as served. It is held once by the catalogue while served and once by each lease;
     * when the count drops to zero it can never be leased again, and it is closed.
     */
    private static final class Slot {
        final String name;
        final String location;
        final Predictor predictor;
        private final AtomicInteger holders = new AtomicInteger(1);

        Slot(String name, String location, Predictor predictor) {
            this.name = name;
            this.location = location;
            this.predictor = predictor;
        }

        boolean retain() {
            for (;;) {
                int count = holders.get();
                if (count == 0) {
                    return false;
                }
                if (holders.compareAndSet(count, count + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (holders.decrementAndGet() == 0 && predictor instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing frees native memory of a model nobody uses any more; nothing is left to act on.
                }
            }
        }
    }

    private final String defaultName;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Map<String, String> locations = new ConcurrentHashMap<>();
    /** Serializes replacing and withdrawing, so that a name's location and model change together. */
    private final Object changes = new Object();

    /**
     * @param defaultName the default model's name
     * @param location where the default model was loaded from (for {@link #index()} and reloads)
     * @param defaultModel the default model; this catalogue closes it when it is replaced or
     *     when the catalogue is closed
     * @throws IllegalArgumentException when the name is not 1–64 letters, digits or {@code . _ -},
     *     starting with a letter or digit
     */
    public ServedModels(String defaultName, String location, Predictor defaultModel) {
        this.defaultName = requireName(defaultName);
        serve(defaultName, location, defaultModel);
    }

    /** One model served alone, as {@value #DEFAULT_NAME}: what an application with a single model needs. */
    public static ServedModels of(Predictor predictor) {
        return new ServedModels(DEFAULT_NAME, "given in code: " + predictor.info().name(), predictor);
    }

    /** Whether {@code name} may name a model (1–64 letters, digits or {@code . _ -}, starting with a letter or digit). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The name of the model used when none is asked for. */
    public String defaultName() {
        return defaultName;
    }

    /** The names of the models served: the default first, then the others sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>(new TreeMap<>(slots).keySet());
        if (names.remove(defaultName)) {
            names.add(0, defaultName);
        }
        return names;
    }

    /**
     * Leases the model served as {@code name}, the default when {@code name} is {@code null}.
     *
     * @throws NotFoundException naming the models served, when none is served as {@code name}
     */
    public Lease lease(String name) {
        String key = name == null ? defaultName : name;
        for (;;) {
            Slot slot = slots.get(key);
            if (slot == null) {
                throw notServed(key);
            }
            if (slot.retain()) {
                return new Lease(slot);
            }
            // Retired between the lookup and the retain: the map already holds its successor, or nothing.
        }
    }

    /**
     * What the model served as {@code name} (the default when {@code null}) says about itself.
     *
     * @throws NotFoundException naming the models served, when none is served as {@code name}
     */
    public ModelInfo info(String name) {
        try (Lease lease = lease(name)) {
            return lease.predictor().info();
        }
    }

    /** Where {@code name} was last loaded from, if it was ever served. */
    public Optional<String> location(String name) {
        return Optional.ofNullable(locations.get(name));
    }

    /**
     * Serves {@code predictor} as {@code name}, in place of the model served under that name, if
     * any; requests that hold the old model finish on it, and it is closed after the last one.
     * Nothing here checks that the model works: {@link LoadModel} does before it calls this.
     *
     * @param location where it was loaded from, to load it again by name
     * @return what the replaced model said about itself, if a model was replaced
     * @throws IllegalArgumentException when the name is not valid
     */
    public Optional<ModelInfo> serve(String name, String location, Predictor predictor) {
        requireName(name);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(predictor, "predictor");
        Slot old;
        synchronized (changes) {
            locations.put(name, location);
            old = slots.put(name, new Slot(name, location, predictor));
        }
        if (old == null) {
            return Optional.empty();
        }
        ModelInfo replaced = old.predictor.info();
        old.release();
        return Optional.of(replaced);
    }

    /**
     * Stops serving {@code name}; requests that hold it finish on it, and it is closed after the
     * last one. Its location is kept, so it can be loaded again by name.
     *
     * @return what the withdrawn model said about itself, or empty when none was served as {@code name}
     * @throws IllegalArgumentException when {@code name} is the default model's
     */
    public Optional<ModelInfo> withdraw(String name) {
        if (defaultName.equals(name)) {
            throw new IllegalArgumentException("the default model cannot be withdrawn");
        }
        Slot old;
        synchronized (changes) {
            old = slots.remove(name);
        }
        if (old == null) {
            return Optional.empty();
        }
        ModelInfo withdrawn = old.predictor.info();
        old.release();
        return Optional.of(withdrawn);
    }

    /** Every name ever served, with its location and the model served now (if any): the default first, then sorted. */
    public List<Entry> index() {
        Map<String, String> known;
        synchronized (changes) {
            known = new TreeMap<>(locations);
        }
        List<Entry> entries = new ArrayList<>(known.size());
        known.forEach((name, location) -> {
            Slot slot = slots.get(name);
            Entry entry = new Entry(name, location, slot == null ? null : slot.predictor.info(), name.equals(defaultName));
            if (entry.isDefault()) {
                entries.add(0, entry);
            } else {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** Withdraws every model, the default too; each is closed once requests using it are done. */
    @Override
    public void close() {
        List<Slot> all;
        synchronized (changes) {
            all = new ArrayList<>(slots.values());
            slots.clear();
        }
        all.forEach(Slot::release);
    }

    NotFoundException notServed(String name) {
        List<String> served = names();
        return new NotFoundException("no model '" + name + "' is served"
                + (served.isEmpty() ? "" : "; the models served are " + String.join(", ", served)));
    }

    private static String requireName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("model name '" + name + "' must be 1–64 letters, digits or . _ -, "
                    + "starting with a letter or digit");
        }
        return name;
    }
}
