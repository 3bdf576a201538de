package com.needlepen.config.calibration;

/**
 * The calibration store's file formats: a calibration ({@value #FORMAT}) and a verification of one
 * ({@value #VERIFICATION_FORMAT}), each as checksummed JSON ({@link ChecksummedJson}).
 */
public final class CalibrationCodec {

    public static final String FORMAT = "needlepen.calibration/2";
    public static final String VERIFICATION_FORMAT = "needlepen.calibration-verification/2";

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
        Body parsed = json.decode(file, name, "a calibration file", ADVICE, Body.class, FORMAT,
                found -> unbound(found, "needlepen.calibration/1"));
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
        VerificationBody parsed = json.decode(file, name, "a verification file", ADVICE, VerificationBody.class,
                VERIFICATION_FORMAT, found -> unbound(found, "needlepen.calibration-verification/1"));
        if (parsed.verification() == null || parsed.verification().driftMm().isEmpty()) {
            throw new CalibrationException(name + ": holds no verification");
        }
        return parsed.verification();
    }

    /** Format 1 bound a calibration to the profile's device id, which every unit of a model shares. */
    private static String unbound(String format, String first) {
        return first.equals(format)
                ? " (made before calibrations were bound to the handpiece's own id; calibrate this handpiece)" : "";
    }
}
