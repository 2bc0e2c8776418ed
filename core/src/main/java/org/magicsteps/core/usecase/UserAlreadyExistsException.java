package org.magicsteps.core.usecase;

/** A registration named a username that is taken. */
public final class UserAlreadyExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserAlreadyExistsException(String username) {
        super("User already exists: " + username);
    }
}
