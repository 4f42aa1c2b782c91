package io.demandloop.local.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 request from a socket, strictly and against a deadline: the request line is validated (a
 * method token, an origin-form target of the characters RFC 3986 allows, HTTP/1.0 or 1.1), headers are bounded, and
 * the body (Content-Length or chunked) must arrive before the deadline, or the read fails and the caller closes
 * the connection. A stalled client therefore holds one connection for a bounded time, never the server.
 */
final class HttpRequestReader {

    /** The largest request head (request line and headers) read. */
    static final int MAX_HEAD_BYTES = 64 * 1024;

    /** A request that was read. */
    record Request(String method, String rawPath, String rawQuery, String protocol, Map<String, List<String>> headers,
                   byte[] body, boolean tooLarge) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        boolean keepAlive() {
            String connection = header("connection");
            if ("HTTP/1.0".equals(protocol)) {
                return connection != null && connection.equalsIgnoreCase("keep-alive");
            }
            return connection == null || !connection.equalsIgnoreCase("close");
        }
    }

    /** The request breaks the protocol: answer 400 with this message, then close. */
    static final class BadRequestException extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message);
        }
    }

    /** The client did not send in time: close without an answer it would not read. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int maxBodyBytes;

    HttpRequestReader(Socket socket, InputStream in, OutputStream out, int maxBodyBytes) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Reads the next request on the connection.
     *
     * @param idleMillis    how long to wait for its first byte (a kept-alive connection may stay quiet that long)
     * @param requestMillis how long the whole request may take to arrive from its first byte
     * @return the request, or null when the client closed the connection (or stayed idle) between requests
     */
    Request read(long idleMillis, long requestMillis) throws IOException, BadRequestException {
        int first;
        try {
            socket.setSoTimeout((int) Math.max(1, idleMillis));
            first = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (first < 0) {
            return null;
        }
        long deadline = System.nanoTime() + requestMillis * 1_000_000L;
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int previous = first;
        if (first != '\r' && first != '\n') {
            line.append((char) first);
        }
        while (true) {
            int b = readByte(deadline);
            if (head.size() >= MAX_HEAD_BYTES) {
                throw new BadRequestException("the request head is larger than " + MAX_HEAD_BYTES + " bytes");
            }
            head.write(b);
            if (b == '\n') {
                if (previous != '\r') {
                    throw new BadRequestException("a line of the request head does not end with CRLF");
                }
                if (line.length() == 0) {
                    if (lines.isEmpty()) {
                        continue; // RFC 9112 2.2: ignore an empty line before the request line
                    }
                    break;
                }
                lines.add(line.toString());
                line.setLength(0);
            } else if (b != '\r') {
                if (b == 0x7f || (b < 0x20 && b != '\t')) {
                    throw new BadRequestException("the request head holds a control character (0x"
                            + Integer.toHexString(b) + ")");
                }
                line.append((char) b);
            }
            previous = b;
        }
        String[] requestLine = lines.get(0).split(" ", -1);
        if (requestLine.length != 3) {
            throw new BadRequestException("the request line must be METHOD SP TARGET SP HTTP-VERSION");
        }
        String method = requestLine[0];
        if (method.isEmpty() || !method.chars().allMatch(HttpRequestReader::isTokenChar)) {
            throw new BadRequestException("the method is not a token");
        }
        String target = requestLine[1];
        String badCharacter = badTargetCharacter(target);
        if (!target.startsWith("/")) {
            throw new BadRequestException("the request target must be a path starting with /");
        }
        if (badCharacter != null) {
            throw new BadRequestException("the request target holds " + badCharacter
                    + ", which must be percent-encoded");
        }
        String protocol = requestLine[2];
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new BadRequestException("the HTTP version must be HTTP/1.1 or HTTP/1.0, got " + protocol);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String header : lines.subList(1, lines.size())) {
            if (header.startsWith(" ") || header.startsWith("\t")) {
                throw new BadRequestException("folded header lines are not allowed");
            }
            int colon = header.indexOf(':');
            if (colon <= 0 || !header.substring(0, colon).chars().allMatch(HttpRequestReader::isTokenChar)) {
                throw new BadRequestException("a header line is not NAME: VALUE");
            }
            headers.computeIfAbsent(header.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.substring(colon + 1).strip());
        }
        int query = target.indexOf('?');
        String rawPath = query < 0 ? target : target.substring(0, query);
        String rawQuery = query < 0 ? null : target.substring(query + 1);
        Request request = new Request(method, rawPath, rawQuery, protocol, headers, new byte[0], false);

        List<String> encodings = headers.get("transfer-encoding");
        List<String> lengths = headers.get("content-length");
        if (encodings != null && lengths != null) {
            throw new BadRequestException("a request must not have both Transfer-Encoding and Content-Length");
        }
        if ("100-continue".equalsIgnoreCase(request.header("expect")) && (encodings != null || lengths != null)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        if (encodings != null) {
            if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                throw new BadRequestException("the only Transfer-Encoding understood is chunked");
            }
            return withBody(request, readChunked(deadline));
        }
        if (lengths != null) {
            long length;
            try {
                if (lengths.stream().distinct().count() != 1) {
                    throw new NumberFormatException();
                }
                length = Long.parseLong(lengths.get(0));
                if (length < 0 || !lengths.get(0).chars().allMatch(Character::isDigit)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException("Content-Length must be one whole number");
            }
            return withBody(request, readFixed(length, deadline));
        }
        return request;
    }

    private static Request withBody(Request request, byte[] body) {
        return body == null
                ? new Request(request.method(), request.rawPath(), request.rawQuery(), request.protocol(),
                        request.headers(), new byte[0], true)
                : new Request(request.method(), request.rawPath(), request.rawQuery(), request.protocol(),
                        request.headers(), body, false);
    }

    /** The body, or null when it is larger than the limit (it is still read to its end, so the answer is seen). */
    private byte[] readFixed(long length, long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(length, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        long left = length;
        while (left > 0) {
            int n = readSome(buffer, (int) Math.min(buffer.length, left), deadline);
            if (body.size() <= maxBodyBytes) {
                body.write(buffer, 0, n);
            }
            left -= n;
        }
        return body.size() > maxBodyBytes ? null : body.toByteArray();
    }

    private byte[] readChunked(long deadline) throws IOException, BadRequestException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        boolean tooLarge = false;
        while (true) {
            String sizeLine = readLine(deadline);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
                if (size < 0 || hex.length() > 15) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new BadRequestException("a chunk size is not a hexadecimal number");
            }
            if (size == 0) {
                while (!readLine(deadline).isEmpty()) {
                    // trailer fields are ignored
                }
                return tooLarge ? null : body.toByteArray();
            }
            long left = size;
            while (left > 0) {
                int n = readSome(buffer, (int) Math.min(buffer.length, left), deadline);
                if (!tooLarge && body.size() + n > maxBodyBytes) {
                    tooLarge = true;
                    body.reset();
                }
                if (!tooLarge) {
                    body.write(buffer, 0, n);
                }
                left -= n;
            }
            if (!readLine(deadline).isEmpty()) {
                throw new BadRequestException("a chunk does not end with CRLF");
            }
        }
    }

    private String readLine(long deadline) throws IOException, BadRequestException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = readByte(deadline);
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 4096) {
                throw new BadRequestException("a chunk line is too long");
            }
            line.append((char) b);
        }
    }

    private int readByte(long deadline) throws IOException {
        setTimeout(deadline);
        int b;
        try {
            b = in.read();
        } catch (SocketTimeoutException e) {
            throw new DeadlineException("the request did not arrive in time");
        }
        if (b < 0) {
            throw new DeadlineException("the client closed the connection mid-request");
        }
        return b;
    }

    private int readSome(byte[] buffer, int max, long deadline) throws IOException {
        setTimeout(deadline);
        int n;
        try {
            n = in.read(buffer, 0, max);
        } catch (SocketTimeoutException e) {
            throw new DeadlineException("the request body did not arrive in time");
        }
        if (n < 0) {
            throw new DeadlineException("the client closed the connection mid-body");
        }
        return n;
    }

    private void setTimeout(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new DeadlineException("the request did not arrive in time");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The first character RFC 3986 does not allow raw in a path and query, described; null when there is none. */
    private static String badTargetCharacter(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
            if (!allowed) {
                return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("the byte 0x%02x", (int) c);
            }
            if (c == '%' && (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2)))) {
                return "a '%' that does not start a percent-encoding";
            }
        }
        return null;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
