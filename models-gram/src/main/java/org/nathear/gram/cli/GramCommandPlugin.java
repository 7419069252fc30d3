package org.nathear.gram.cli;

import org.nathear.api.spi.CommandPlugin;

/** Contributes {@code nathear gram} (train, corpus, import) to the command line. */
public final class GramCommandPlugin implements CommandPlugin {
    @Override
    public Object command(CommandContext context) {
        return new GramCommand(context);
    }
}
