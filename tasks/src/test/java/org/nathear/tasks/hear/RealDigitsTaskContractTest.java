package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-digits-v1-full (audio asked at 22050 Hz, so resampled). */
class RealDigitsTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-digits-v1-full";
    }
}
