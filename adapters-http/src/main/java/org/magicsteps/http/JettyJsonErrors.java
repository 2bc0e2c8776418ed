package org.magicsteps.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own refusals, made before a request reaches Javalin (headers too large, a request line
 * it cannot parse), answered as JSON with {@code detail} like every other error, instead of
 * Jetty's HTML page.
 */
final class JettyJsonErrors extends ErrorHandler {

    JettyJsonErrors() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body(code, message));
    }

    private static String body(int status, String reason) {
        String generic = org.eclipse.jetty.http.HttpStatus.getMessage(status);
        boolean unexplained = reason == null || reason.isBlank() || reason.equals(generic);
        // Jetty's parser gives no reason when the URI itself breaks a rule (an encoded '/' or NUL,
        // '..' above the root): say at least where the problem is.
        String text = unexplained && status == 400
                ? generic + ": the request line cannot be read (an encoded '/' or NUL in the path, '..' above the root,"
                        + " or a broken escape)"
                : unexplained ? generic : reason;
        // Jetty's reasons are fixed phrases; keep only characters that need no escaping in JSON.
        return "{\"detail\":\"" + text.replaceAll("[^A-Za-z0-9 .,:;()/_-]", "") + "\"}";
    }
}
