package org.nathear.tasks.demo;

import org.nathear.api.contract.TaskPluginContract;
import org.nathear.api.spi.TaskPlugin;

/** Task plugin contract over demo-textures-v1-full (generated once per test JVM). */
class DemoTexturesTaskContractTest implements TaskPluginContract {
    @Override
    public TaskPlugin createTask() {
        return DemoTestData.task("demo-textures-v1-full");
    }
}
