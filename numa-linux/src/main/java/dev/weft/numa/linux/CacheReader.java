package dev.weft.numa.linux;

import dev.weft.topology.Cache;
import dev.weft.topology.CacheType;
import dev.weft.topology.CpuSet;
import dev.weft.topology.TopologyException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads {@code cpuN/cache/indexM}: level, type, size, line size and the CPUs sharing each cache, and merges
 * the per-CPU views into cache instances (one L3 shared by 16 CPUs is one {@link Cache}, not 16).
 *
 * <p>A CPU without a {@code cache} folder (ia64, s390 dumps) reports no caches; an {@code indexM} folder
 * without a level, type or size is skipped, as the kernel leaves those out for caches it cannot describe.
 */
final class CacheReader {

    /**
     * The caches; each CPU's private-cache signature (level, type and size of its level 1 and 2 caches) and L1
     * data cache size, which tell core kinds apart on hybrid machines.
     */
    record Result(List<Cache> caches, Map<Integer, String> signatures, Map<Integer, Long> l1dBytes) {
    }

    private final SysfsFiles files;

    CacheReader(SysfsFiles files) {
        this.files = files;
    }

    Result read(CpuReader.Online online) {
        record Key(int level, CacheType type, CpuSet sharedBy) {
        }
        Map<Key, Cache> instances = new LinkedHashMap<>();
        Map<Integer, String> signatures = new HashMap<>();
        Map<Integer, Long> l1d = new HashMap<>();
        for (int cpu : online.cpus().toArray()) {
            Path dir = online.folder(cpu);
            if (dir == null) {
                continue;
            }
            StringBuilder signature = new StringBuilder();
            TreeMap<Integer, Path> indexes = files.numbered(dir.resolve("cache"), "index");
            for (Path index : indexes.values()) {
                Optional<Cache> cache = readIndex(index, cpu, online.cpus());
                if (cache.isEmpty()) {
                    continue;
                }
                Cache c = cache.get();
                instances.putIfAbsent(new Key(c.level(), c.type(), c.sharedBy()), c);
                if (c.level() <= 2) {
                    signature.append(c.level()).append(c.type()).append(c.sizeBytes()).append(';');
                }
                if (c.level() == 1 && c.type() == CacheType.DATA) {
                    l1d.put(cpu, c.sizeBytes());
                }
            }
            signatures.put(cpu, signature.toString());
        }
        List<Cache> caches = new ArrayList<>(instances.values());
        caches.sort(Comparator.comparingInt(Cache::level).thenComparing(Cache::type)
                .thenComparingInt(c -> c.sharedBy().first()));
        return new Result(List.copyOf(caches), signatures, l1d);
    }

    private Optional<Cache> readIndex(Path index, int cpu, CpuSet online) {
        Optional<Integer> level = files.integer(index.resolve("level"));
        Optional<String> type = files.value(index.resolve("type"));
        Optional<String> size = files.value(index.resolve("size"));
        if (level.isEmpty() || type.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        if (level.get() < 1 || level.get() > 9) {
            throw TopologyException.badContent(index.resolve("level"), String.valueOf(level.get()),
                    "expected a cache level from 1 to 9", null);
        }
        CacheType cacheType = parseType(index.resolve("type"), type.get());
        long bytes = parseSize(index.resolve("size"), size.get());
        int line = files.integer(index.resolve("coherency_line_size")).orElse(-1);
        // Offline CPUs may still be named; a cache always holds the CPU that reports it.
        CpuSet shared = files.cpusListOrMask(index, "shared_cpu_list", "shared_cpu_map")
                .map(s -> s.intersect(online))
                .orElse(CpuSet.empty())
                .union(CpuSet.of(cpu));
        return Optional.of(new Cache(level.get(), cacheType, bytes, line, shared));
    }

    private static CacheType parseType(Path file, String text) {
        switch (text) {
            case "Data":
                return CacheType.DATA;
            case "Instruction":
                return CacheType.INSTRUCTION;
            case "Unified":
                return CacheType.UNIFIED;
            default:
                throw TopologyException.badContent(file, text, "expected Data, Instruction or Unified", null);
        }
    }

    /** Parses the kernel's cache size: a decimal number with an optional K, M or G suffix ("32K", "8M"). */
    static long parseSize(Path file, String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("K")) {
            unit = 1L << 10;
        } else if (t.endsWith("M")) {
            unit = 1L << 20;
        } else if (t.endsWith("G")) {
            unit = 1L << 30;
        }
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw TopologyException.badContent(file, text, "expected a size like 32K, 1024K or 8M", null);
        }
        return Long.parseLong(digits) * unit;
    }
}
