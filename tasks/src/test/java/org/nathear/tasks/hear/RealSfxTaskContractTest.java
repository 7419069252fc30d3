package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-sfx-v1-full (audio asked at 22050 Hz, so resampled). */
class RealSfxTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-sfx-v1-full";
    }
}
