package dev.framewise.engine.estimate;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.framewise.engine.store.device.DecodeSpeed;

import java.time.LocalDate;
import java.util.Locale;

/**
 * What this machine's device does for decoding whatever the model, measured once and kept in the calibration
 * folder beside the per-model {@link Rates}: the memory bandwidth {@code torch.sum} reads a large buffer at (as
 * {@code framewise bench decode} reads it) and the fixed cost of a decoding step, {@code stepSeconds} plus
 * {@code layerSeconds} per decoder layer (from decoding two tiny checkpoints of different depths, whose bytes take
 * no time to read). {@code framewise models info} turns them into a {@link DecodeSpeed}.
 *
 * @param device     "cpu" or "cuda"
 * @param probeBytes the size of the buffer the bandwidth was read from
 * @param measuredOn the day they were measured (ISO date); older than {@link #MAX_AGE_DAYS} days is stale
 */
public record MachineRates(@JsonProperty("device") String device,
                           @JsonProperty("bandwidth_bytes_per_second") double bandwidthBytesPerSecond,
                           @JsonProperty("probe_bytes") long probeBytes,
                           @JsonProperty("step_seconds") double stepSeconds,
                           @JsonProperty("layer_seconds") double layerSeconds,
                           @JsonProperty("measured_on") String measuredOn) {

    /** Memory, drivers and libtorch change with months, not days: re-measured after this. */
    public static final int MAX_AGE_DAYS = 30;

    public MachineRates {
        if (!(bandwidthBytesPerSecond > 0) || !(stepSeconds >= 0) || !(layerSeconds >= 0) || probeBytes <= 0
                || Double.isInfinite(bandwidthBytesPerSecond + stepSeconds + layerSeconds)) {
            throw new IllegalArgumentException("machine rates must be positive and finite");
        }
        LocalDate.parse(measuredOn); // a file with another date format is measured again
    }

    /** The calibration file these rates live in. */
    static String fileName(String device) {
        return "machine-" + device.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".json";
    }

    public boolean staleOn(LocalDate today) {
        return LocalDate.parse(measuredOn).plusDays(MAX_AGE_DAYS).isBefore(today);
    }

    /** The speed model these rates give, saying how and when they were measured. */
    public DecodeSpeed speed() {
        return new DecodeSpeed(bandwidthBytesPerSecond, stepSeconds, layerSeconds, String.format(Locale.ROOT,
                "measured bandwidth %.1f GB/s on %s (torch.sum over %d MiB on the %s, as bench decode reads it); "
                        + "overhead %.2f ms per step + %.2f ms per layer (tiny synthetic decodes, same day)",
                bandwidthBytesPerSecond / 1e9, measuredOn, probeBytes >> 20, device, stepSeconds * 1e3,
                layerSeconds * 1e3));
    }
}
