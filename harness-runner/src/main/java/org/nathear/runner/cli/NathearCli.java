package org.nathear.runner.cli;

/** Entry point of the nathear command line (filled in by the runner work). */
public final class NathearCli {
    private NathearCli() {
    }

    public static void main(String[] args) {
        System.out.println("nathear");
    }
}
