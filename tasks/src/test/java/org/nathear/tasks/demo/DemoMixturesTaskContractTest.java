package org.nathear.tasks.demo;

import org.nathear.api.contract.TaskPluginContract;
import org.nathear.api.spi.TaskPlugin;

/** Task plugin contract over demo-mixtures-v1-full (generated once per test JVM). */
class DemoMixturesTaskContractTest implements TaskPluginContract {
    @Override
    public TaskPlugin createTask() {
        return DemoTestData.task("demo-mixtures-v1-full");
    }
}
