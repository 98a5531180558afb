package io.conveyor.engine.internal.stages.transform.crypto;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM over text, with the JDK's provider: each value gets a fresh random 12-byte IV, and
 * the result is base64 of IV || ciphertext || 16-byte tag. One instance per stream (a
 * {@link Cipher} is not thread-safe). The key is never put in a message or a log line.
 */
final class AesGcm {
    static final OptionSpec KEY = OptionSpec.string("key").required()
            .describe("The AES key as base64 of 16, 24 or 32 bytes (AES-128/192/256); read it from the environment, "
                    + "key = \"${CONVEYOR_KEY}\", and make one with `openssl rand -base64 32`");
    static final OptionSpec COLUMNS = OptionSpec.array("columns").required().describe("The columns to process");
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final Cipher cipher;
    private final SecureRandom random = new SecureRandom();

    private AesGcm(byte[] key) throws GeneralSecurityException {
        this.key = new SecretKeySpec(key, "AES");
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    /** The reasons a value does not decrypt. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * @param config a config with {@link #KEY}
     * @return the key bytes
     * @throws ConfigException if the key is not base64 of 16, 24 or 32 bytes; the message never shows the key
     */
    static byte[] key(StageConfig config) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(config.getString(KEY.name()).trim());
        } catch (IllegalArgumentException e) {
            throw config.error(KEY.name(), "is not valid base64; give 16, 24 or 32 random bytes in base64, "
                    + "e.g. from `openssl rand -base64 32`");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw config.error(KEY.name(), "decodes to " + bytes.length + " bytes; AES needs 16, 24 or 32 "
                    + "(AES-128/192/256), e.g. from `openssl rand -base64 32`");
        }
        return bytes;
    }

    /**
     * @param config a config with {@link #KEY}
     * @return a cipher for one stream
     * @throws ConfigException if the key is invalid
     * @throws GeneralSecurityException if the JDK lacks AES-GCM
     */
    static AesGcm of(StageConfig config) throws ConfigException, GeneralSecurityException {
        return new AesGcm(key(config));
    }

    /**
     * @param text the plain text
     * @return base64 of IV || ciphertext || tag
     * @throws GeneralSecurityException if the JDK's provider fails
     */
    String encrypt(String text) throws GeneralSecurityException {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /**
     * @param encoded what {@link #encrypt} returned
     * @return the plain text
     * @throws Failure if it is not such a value, was changed, or was encrypted with another key
     */
    String decrypt(String encoded) throws Failure {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new Failure("is not base64, so not a value transform.encrypt wrote");
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new Failure("is too short (" + in.length + " bytes) to be a value transform.encrypt wrote");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new Failure("does not decrypt: it was changed after encryption, or encrypted with another key");
        } catch (GeneralSecurityException e) {
            throw new Failure("does not decrypt: " + e.getClass().getSimpleName());
        }
    }
}
