package org.nathear.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvLeaderboardTest {
    @Test
    void rendersOneRowPerCellAndMetricWithFullPrecisionAndQuoting() {
        String expected = """
                task_id,model_id,status,metric,primary,higher_is_better,folds,mean,std,message
                esc50-v2.0.0-full,hear-naive,succeeded,top1_acc,true,true,5,0.41200000000000003,0.02588435821108957,
                esc50-v2.0.0-full,hear-naive,succeeded,mAP,false,true,5,0.43200000000000005,0.02588435821108956,
                esc50-v2.0.0-full,hear-naive,succeeded,d_prime,false,true,5,Infinity,NaN,
                esc50-v2.0.0-full,hear-naive,succeeded,aucroc,false,true,5,0.804,0.011401754250991351,
                esc50-v2.0.0-full,gram-binaural,succeeded,top1_acc,true,true,5,0.8099999999999999,0.02915475947422647,
                esc50-v2.0.0-full,gram-binaural,succeeded,mAP,false,true,5,0.826,0.024083189157584565,
                esc50-v2.0.0-full,gram-binaural,succeeded,d_prime,false,true,5,2.05,0.12909944487358066,
                esc50-v2.0.0-full,gram-binaural,succeeded,aucroc,false,true,5,0.955,0.012909944487358068,
                esc50-v2.0.0-full,broken-model,failed,top1_acc,true,true,,,,"fold01: probe | diverged
                after 3 epochs"
                speech_commands-v0.0.2-5h,hear-naive,succeeded,top1_acc,true,true,1,0.5,0.0,
                speech_commands-v0.0.2-5h,gram-binaural,succeeded,top1_acc,true,true,1,0.9125,0.0,
                speech_commands-v0.0.2-5h,broken-model,skipped,top1_acc,true,true,,,,model accepts FOA only; task is MONO
                """;
        assertEquals(expected, CsvLeaderboard.render(SampleRuns.sample()));
    }
}
