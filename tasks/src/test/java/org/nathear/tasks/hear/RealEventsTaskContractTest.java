package org.nathear.tasks.hear;

/** Task plugin contract over the real task real-events-v1-full (audio asked at 22050 Hz, so resampled). */
class RealEventsTaskContractTest extends RealMiniTasks.Contract {
    @Override
    String taskName() {
        return "real-events-v1-full";
    }
}
