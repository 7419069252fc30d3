package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-pitch-v1-full (audio asked at 22050 Hz, so resampled). */
class RealPitchTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-pitch-v1-full";
    }
}
