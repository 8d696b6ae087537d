package io.cdccookbook.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The shapes a secret takes on its way out: as it is, URL-encoded (a form field, a query string), escaped in
 * JSON, and inside base64 (an HTTP Basic header echoed in an error body). APIs repeat what they were sent,
 * so the {@link Redactor} masks every one of them, not only the plain text.
 */
final class SecretForms {

    // A base64 fragment shorter than this could be part of an ordinary word; longer secrets always yield longer ones.
    private static final int MIN_BASE64 = 8;

    private SecretForms() {
    }

    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        for (int escapes = 0; escapes < 8; escapes++) {
            forms.add(jsonEscaped(secret, (escapes & 1) != 0, (escapes & 2) != 0, (escapes & 4) != 0));
        }
        // HTTP Basic is ISO-8859-1 by default (OkHttp's Credentials.basic), everything else UTF-8
        Set<byte[]> encodings = new LinkedHashSet<>();
        encodings.add(secret.getBytes(StandardCharsets.UTF_8));
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(secret)) {
            encodings.add(secret.getBytes(StandardCharsets.ISO_8859_1));
        }
        for (byte[] bytes : encodings) {
            forms.add(Base64.getEncoder().encodeToString(bytes)); // with its last, partly padded character
            forms.add(Base64.getUrlEncoder().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            for (int offset = 0; offset < 3; offset++) {
                String core = base64Core(bytes, offset);
                if (core.length() >= MIN_BASE64) {
                    forms.add(core);
                    forms.add(core.replace('+', '-').replace('/', '_'));
                }
            }
        }
        return forms;
    }

    /**
     * The characters of base64 that depend on {@code bytes} alone, when they start {@code offset} bytes into a
     * 3-byte group: whatever surrounds the secret in the encoded text, these characters are in it.
     */
    private static String base64Core(byte[] bytes, int offset) {
        byte[] shifted = new byte[offset + bytes.length];
        System.arraycopy(bytes, 0, shifted, offset, bytes.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int firstBit = offset * 8;
        int endBit = (offset + bytes.length) * 8;
        int first = (firstBit + 5) / 6; // the first character all of whose 6 bits are the secret's
        int end = endBit / 6;           // one past the last such character
        return first < end ? encoded.substring(first, end) : "";
    }

    /**
     * JSON encoders differ: all escape quotes, backslashes and control characters; some also escape '/' (PHP),
     * HTML's characters (Gson) or everything beyond ASCII (Python), in any combination.
     */
    private static String jsonEscaped(String secret, boolean slash, boolean html, boolean nonAscii) {
        StringBuilder out = new StringBuilder(secret.length());
        for (char c : secret.toCharArray()) {
            if (c == '"' || c == '\\' || (slash && c == '/')) {
                out.append('\\').append(c);
            } else if (c < 0x20 || (nonAscii && c > 0x7e) || (html && "<>&='".indexOf(c) >= 0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
