package com.needlepen.hal;

/** The small character display on the pen: a few lines of a few columns. */
public interface TextDisplay {

    int lineCount();

    int columnCount();

    /** Writes {@code text} to line {@code line} (0-based), cut or padded to the width. */
    void writeLine(int line, CharSequence text);
}
