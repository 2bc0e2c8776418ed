package org.magicsteps.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the API: what the server registers, and what the OpenAPI test checks the
 * document against.
 */
record Route(HandlerType method, String path, Access access, Handler handler) {

    static Route get(String path, Access access, Handler handler) {
        return new Route(HandlerType.GET, path, access, handler);
    }

    static Route post(String path, Access access, Handler handler) {
        return new Route(HandlerType.POST, path, access, handler);
    }

    static Route put(String path, Access access, Handler handler) {
        return new Route(HandlerType.PUT, path, access, handler);
    }
}
