package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-drums-v1-full (audio asked at 22050 Hz, so resampled). */
class RealDrumsTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-drums-v1-full";
    }
}
