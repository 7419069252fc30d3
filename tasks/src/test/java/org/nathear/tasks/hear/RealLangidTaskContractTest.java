package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-langid-v1-full (audio asked at 22050 Hz, so resampled). */
class RealLangidTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-langid-v1-full";
    }
}
