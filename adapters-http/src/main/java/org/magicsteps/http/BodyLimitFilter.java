package org.magicsteps.http;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Keeps every request body within the limit: one that declares a larger Content-Length is refused
 * when the route starts to read it, and the bytes of every body (a chunked one declares no length)
 * are counted as they are read, so a client cannot stream an endless body into memory. Either way
 * {@link HttpProblem.TooLarge} comes out of the read, and the error handling answers 413. (Javalin's
 * own check is turned off: it logs a WARN for each such request, which a client could flood the
 * log with.) Some paths (an uploaded sheet's) may have a larger limit of their own.
 */
final class BodyLimitFilter implements Filter {

    private final long maxBytes;
    private final Set<String> largerPaths;
    private final long largerMaxBytes;

    BodyLimitFilter(long maxBytes) {
        this(maxBytes, Set.of(), maxBytes);
    }

    /** The bodies of {@code largerPaths} may have up to {@code largerMaxBytes}; every other body {@code maxBytes}. */
    BodyLimitFilter(long maxBytes, Set<String> largerPaths, long largerMaxBytes) {
        this.maxBytes = maxBytes;
        this.largerPaths = Set.copyOf(largerPaths);
        this.largerMaxBytes = largerMaxBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long limit = largerPaths.contains(http.getRequestURI()) ? largerMaxBytes : maxBytes;
        chain.doFilter(new Limited(http, limit), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (getContentLengthLong() > maxBytes) {
                throw new HttpProblem.TooLarge(maxBytes);
            }
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long maxBytes;
        private long read;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw new HttpProblem.TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
