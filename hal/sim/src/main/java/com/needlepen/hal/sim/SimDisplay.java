package com.needlepen.hal.sim;

import com.needlepen.hal.TextDisplay;

/** A simulated character display of fixed size; it keeps its lines so tests can read them. */
final class SimDisplay implements TextDisplay {

    private final char[][] lines;

    SimDisplay(int lineCount, int columnCount) {
        lines = new char[lineCount][columnCount];
        for (char[] line : lines) {
            java.util.Arrays.fill(line, ' ');
        }
    }

    @Override
    public int lineCount() {
        return lines.length;
    }

    @Override
    public int columnCount() {
        return lines[0].length;
    }

    @Override
    public void writeLine(int line, CharSequence text) {
        char[] target = lines[line];
        for (int i = 0; i < target.length; i++) {
            target[i] = i < text.length() ? text.charAt(i) : ' ';
        }
    }

    String line(int line) {
        return new String(lines[line]).stripTrailing();
    }
}
