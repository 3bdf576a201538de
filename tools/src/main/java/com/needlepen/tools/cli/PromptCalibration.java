package com.needlepen.tools.cli;

import com.needlepen.config.DeviceProfile;
import com.needlepen.tools.UserInputException;
import com.needlepen.tools.calibration.PromptSource;
import com.needlepen.tools.calibration.ReadingCheck;
import com.needlepen.tools.calibration.ReadingsInProgress;
import com.needlepen.tools.calibration.WallClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * A calibration whose readings the technician types: offers to resume an interrupted one of the
 * same device and plan (refuses another's in one line), and keeps every reading in the device's
 * in-progress file as it is taken, until the calibration is stored or its failure reported.
 */
final class PromptCalibration {

    private final ReadingsInProgress saved;
    private final PromptSource source;
    private final String technician;
    private final int resumedReadings;

    private PromptCalibration(ReadingsInProgress saved, PromptSource source, String technician, int resumedReadings) {
        this.saved = saved;
        this.source = source;
        this.technician = technician;
        this.resumedReadings = resumedReadings;
    }

    static PromptCalibration open(PenOptions pen, List<Double> plan, String who, BufferedReader in, PrintWriter out)
            throws IOException {
        DeviceProfile p = pen.profile();
        ReadingsInProgress saved = new ReadingsInProgress(pen.deviceDir());
        ReadingsInProgress.Readings earlier = saved.load().orElse(null);
        if (earlier != null) {
            String mismatch = earlier.mismatch(pen.handpiece().toString(), p.name(), plan);
            if (mismatch != null) {
                throw new UserInputException(saved.file() + " " + mismatch);
            }
            if (!askResume(earlier, saved, in, out)) {
                out.printf("set aside as %s; starting a new calibration%n", saved.setAside());
                earlier = null;
            }
        }
        String technician = who;
        if (earlier == null) {
            earlier = new ReadingsInProgress.Readings(pen.handpiece().toString(), p.name(), plan, who,
                    new WallClock().utcEpochMillis(), List.of());
        } else if (!earlier.technician().equals(who)) {
            technician = earlier.technician() + ", " + who; // both took readings for this calibration
        }
        ReadingsInProgress.Readings base = earlier;
        PromptSource source = new PromptSource(in, out, -1.0, p.collar().absoluteMaxDepthMm() + 1.0,
                ReadingCheck.of(p.calibration()), base.readings(), taken -> {
                    try {
                        saved.save(base.with(taken));
                    } catch (IOException e) {
                        // stops the procedure: readings that could not be kept are not taken on
                        throw new IllegalStateException("cannot keep the readings in " + saved.file() + " ("
                                + e.getMessage() + ")");
                    }
                });
        return new PromptCalibration(saved, source, technician, base.readings().size());
    }

    private static boolean askResume(ReadingsInProgress.Readings earlier, ReadingsInProgress saved, BufferedReader in,
                                     PrintWriter out) throws IOException {
        out.printf("An interrupted calibration is kept in %s (%s).%n", saved.file(), earlier.describe());
        while (true) {
            out.print("Resume it? (y: resume from its next point, n: set it aside and start again) ");
            out.flush();
            String answer = in.readLine();
            if (answer == null) {
                throw new UserInputException("input ended before the question was answered; " + saved.file()
                        + " is kept as it was");
            }
            switch (answer.trim().toLowerCase(Locale.ROOT)) {
                case "y", "yes" -> {
                    return true;
                }
                case "n", "no" -> {
                    return false;
                }
                default -> out.println("  type y or n.");
            }
        }
    }

    PromptSource source() {
        return source;
    }

    String technician() {
        return technician;
    }

    int resumedReadings() {
        return resumedReadings;
    }

    /** Why the procedure stopped, with where the readings taken so far are kept. */
    String interrupted(String why) {
        if (!java.nio.file.Files.exists(saved.file())) {
            return why + "; no reading was taken";
        }
        return why + "; the readings taken so far are kept in " + saved.file()
                + ": the next needlepen calibrate offers to resume them";
    }

    /** The readings are now in a stored calibration or a failed attempt's report: the file is done with. */
    void finished() throws IOException {
        saved.finished();
    }
}
