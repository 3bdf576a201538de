package com.needlepen.config.calibration;

/**
 * The calibration store's file formats: a calibration ({@value #FORMAT}) and a verification of one
 * ({@value #VERIFICATION_FORMAT}), each as checksummed JSON ({@link ChecksummedJson}).
 */
public final class CalibrationCodec {

    public static final String FORMAT = "needlepen.calibration/1";
    public static final String VERIFICATION_FORMAT = "needlepen.calibration-verification/1";

    /** The JSON body of a calibration file: the format name, then the calibration. */
    record Body(String format, Calibration calibration) {
    }

    /** The JSON body of a verification file: the format name, then the verification. */
    record VerificationBody(String format, CalibrationVerification verification) {
    }

    private static final String ADVICE = "re-calibrate (needlepen calibrate)";

    private final ChecksummedJson json = new ChecksummedJson();

    public byte[] encode(Calibration calibration) {
        return json.encode(new Body(FORMAT, calibration));
    }

    /** Decodes a file's bytes; throws {@link CalibrationException} saying what is wrong. */
    public Calibration decode(byte[] file, String name) {
        Body parsed = json.decode(file, name, "a calibration file", ADVICE, Body.class);
        if (!FORMAT.equals(parsed.format())) {
            throw new CalibrationException(name + ": format '" + parsed.format() + "' is not " + FORMAT);
        }
        if (parsed.calibration() == null || parsed.calibration().points().size() < 2) {
            throw new CalibrationException(name + ": holds no calibration points");
        }
        return parsed.calibration();
    }

    public byte[] encode(CalibrationVerification verification) {
        return json.encode(new VerificationBody(VERIFICATION_FORMAT, verification));
    }

    /** Decodes a verification file's bytes; throws {@link CalibrationException} saying what is wrong. */
    public CalibrationVerification decodeVerification(byte[] file, String name) {
        VerificationBody parsed = json.decode(file, name, "a verification file", ADVICE, VerificationBody.class);
        if (!VERIFICATION_FORMAT.equals(parsed.format())) {
            throw new CalibrationException(name + ": format '" + parsed.format() + "' is not " + VERIFICATION_FORMAT);
        }
        if (parsed.verification() == null || parsed.verification().driftMm().isEmpty()) {
            throw new CalibrationException(name + ": holds no verification");
        }
        return parsed.verification();
    }
}
