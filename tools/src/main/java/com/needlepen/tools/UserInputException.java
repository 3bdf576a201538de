package com.needlepen.tools;

/** Bad input from the person at the command line: reported as one line, exit code 2. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }
}
