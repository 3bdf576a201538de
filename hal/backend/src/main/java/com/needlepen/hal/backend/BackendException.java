package com.needlepen.hal.backend;

/** A backend that cannot be found or opened, in one line for people: what, and what is allowed or needed. */
public final class BackendException extends RuntimeException {

    public BackendException(String message) {
        super(message);
    }
}
