package org.magicsteps.redis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.domain.StudentFeatures;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store against the real Redis on 127.0.0.1:6379, with the 860 students of the PEDE 2022
 * sheet's size (made up, within the original schema's ranges). Run it with
 * {@code mvn -B -pl adapters-redis -am verify -DskipTests -Pbench}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RedisFeatureStoreBenchmark {

    private static final int STUDENTS = 860;

    private final String prefix = "magic-steps-bench:" + UUID.randomUUID() + ":";
    private final Map<String, StudentFeatures> students = new LinkedHashMap<>();
    private String[] ids;
    private int next;
    private RedisFeatureStore store;

    @Setup
    public void writeStudents() {
        SplittableRandom random = new SplittableRandom(860);
        String[] classes = {"a", "b", "c", "d"};
        String[] stones = {"ametista", "quartzo", "topázio", "ágata"};
        for (int i = 0; i < STUDENTS; i++) {
            students.put(String.format("RA-%04d", i), StudentFeatures.builder()
                    .fase(random.nextInt(8)).idade(7 + random.nextInt(15)).anoIngresso(2016 + random.nextInt(7))
                    .scoreInde(random.nextDouble(3, 9.5)).scoreIaa(random.nextDouble(10)).scoreIeg(random.nextDouble(10))
                    .scoreIps(random.nextDouble(2.5, 10)).scoreIda(random.nextDouble(9.9))
                    .scoreIpv(random.nextDouble(2.5, 10)).scoreIan(random.nextDouble(2.5, 10))
                    .notaCg(1 + random.nextInt(862)).notaCf(1 + random.nextInt(192)).notaCt(1 + random.nextInt(18))
                    .numAvaliacoes(2 + random.nextInt(3)).defasagem(random.nextInt(-5, 3))
                    .turma(classes[random.nextInt(4)]).genero(random.nextBoolean() ? "menina" : "menino")
                    .pedraModal(stones[random.nextInt(4)])
                    .build());
        }
        ids = students.keySet().toArray(String[]::new);
        store = RedisFeatureStore.create(LocalRedis.settings(prefix));
        store.putAll(students);
    }

    @TearDown
    public void deleteStudents() {
        store.close();
        try (LocalRedis redis = LocalRedis.connectOrFail()) {
            redis.deleteKeysStartingWith(prefix);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<StudentFeatures> find() {
        next = (next + 1) % ids.length;
        return store.find(ids[next]);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void putAll860() {
        store.putAll(students);
    }

    /** The control: what {@link #putAll860()} saves by not making one round trip per student. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void putOneByOne860() {
        students.forEach(store::put);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<String> studentIds860() {
        return store.studentIds();
    }

    /** A {@code /predict/batch} by 500 ids: one pipelined read. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Map<String, StudentFeatures> findAll500() {
        return store.findAll(List.of(ids).subList(0, 500));
    }

    /** The control: what {@link #findAll500()} saves by not waiting for each answer in turn. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int findOneByOne500() {
        int found = 0;
        for (int i = 0; i < 500; i++) {
            found += store.find(ids[i]).isPresent() ? 1 : 0;
        }
        return found;
    }
}
