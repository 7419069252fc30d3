package org.nathear.gram.plugin;

import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.ModelPlugin;

class GramAmbisonicsPluginTest implements ModelPluginContract {
    @Override
    public ModelPlugin createPlugin() {
        return new GramAmbisonicsPlugin();
    }
}
