package com.needlepen.tools.calibration;

import java.util.List;

/** Readings taken earlier and written to a file: the file also fixes the commanded depths. */
public final class FileSource implements MeasurementSource {

    private final List<MeasurementFile.Row> rows;

    public FileSource(List<MeasurementFile.Row> rows) {
        this.rows = rows;
    }

    @Override
    public double measure(int index, int count, double commandedMm) {
        MeasurementFile.Row row = rows.get(index);
        if (Math.abs(row.commandedMm() - commandedMm) > 1e-9) {
            throw new IllegalStateException("file row " + (index + 1) + " is for " + row.commandedMm() + " mm");
        }
        return row.measuredMm();
    }
}
