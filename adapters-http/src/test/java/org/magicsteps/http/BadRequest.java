package org.magicsteps.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request of the bad-input suite, as bytes: the request line, the headers and the body are
 * whatever the case needs, well formed or not. {@link #send(int)} writes it on a socket.
 */
final class BadRequest {

    private final String method;
    private final String target;
    private final List<byte[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean chunked;
    private boolean lengthGiven;
    private boolean hostGiven;

    private BadRequest(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** {@code target} is sent as given: percent-encode what must be. */
    static BadRequest of(String method, String target) {
        return new BadRequest(method, target);
    }

    BadRequest header(String name, String value) {
        return rawHeader((name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    /** A header line exactly as given (it may hold any byte, CR and LF included). */
    BadRequest rawHeader(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        lengthGiven |= text.startsWith("content-length:");
        hostGiven |= text.startsWith("host:");
        headers.add(line);
        return this;
    }

    /** Leaves out the Host header HTTP/1.1 requires. */
    BadRequest withoutHost() {
        hostGiven = true;
        return this;
    }

    BadRequest bearer(String token) {
        return token == null ? this : header("Authorization", "Bearer " + token);
    }

    BadRequest json(String json) {
        return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    BadRequest body(String contentType, byte[] bytes) {
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        this.body = bytes;
        return this;
    }

    /** Sends the body in chunks of 4 KiB, with no Content-Length. */
    BadRequest chunked() {
        this.chunked = true;
        return this;
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    TestServer.Response send(int port) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.writeBytes((method + " " + target + " HTTP/1.1").getBytes(StandardCharsets.ISO_8859_1));
        if (!hostGiven) {
            head.writeBytes(("\r\nHost: 127.0.0.1:" + port).getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] line : headers) {
            head.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            head.writeBytes(line);
        }
        byte[] payload = body;
        if (chunked) {
            head.writeBytes("\r\nTransfer-Encoding: chunked".getBytes(StandardCharsets.US_ASCII));
            payload = RawHttp.chunked(body, 4096);
        } else if (!lengthGiven && (body.length > 0 || !method.equals("GET"))) {
            head.writeBytes(("\r\nContent-Length: " + body.length).getBytes(StandardCharsets.US_ASCII));
        }
        return RawHttp.exchange(port, head.toByteArray(), payload);
    }

    @Override
    public String toString() {
        return method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target);
    }
}
