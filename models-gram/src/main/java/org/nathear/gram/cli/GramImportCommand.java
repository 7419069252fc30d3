package org.nathear.gram.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.io.GramCheckpoint;
import org.nathear.gram.io.OfficialWeights;
import org.nathear.gram.io.Tensor;
import org.nathear.gram.model.ParameterSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nathear gram import}: the GRAM authors' safetensors → a nathear GRAM checkpoint. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Convert the GRAM authors' published weights (model.safetensors of e.g. labhamlet/gramt-binaural, "
                + "downloaded by you) into a nathear GRAM checkpoint, checking every name and shape.",
                "The gram-* plugins also take such a file directly through their 'checkpoint' option."})
public final class GramImportCommand implements Callable<Integer> {
    @Option(names = "--official", required = true, paramLabel = "FILE", description = "The authors' safetensors file.")
    Path official;

    @Option(names = "--variant", required = true, description = "binaural, ambisonics or clean (the authors' mono model).")
    String variant;

    @Option(names = "--masking", defaultValue = "patch", description = "patch or time (default: ${DEFAULT-VALUE}).")
    String masking;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The nathear checkpoint to write.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter pw = spec.commandLine().getOut();
        OfficialWeights.Imported imp = OfficialWeights.read(official, GramVariant.parse(variant), GramMasking.parse(masking));
        List<Tensor> tensors = new ArrayList<>();
        for (ParameterSpec s : ParameterSpec.all(imp.config())) {
            Tensor t = imp.tensors().get(s.name());
            if (t != null) {
                tensors.add(t);
            }
        }
        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.put("importedFrom", official.toAbsolutePath().normalize().toString());
        training.put("importedSha256", GramCheckpoint.sha256(official));
        training.put("prefix", imp.prefix());
        training.put("hasDecoder", imp.hasDecoder());
        GramCheckpoint.save(out, new GramCheckpoint.Description(imp.config(), GramCheckpoint.KIND_WEIGHTS, 0, training), tensors, null);
        pw.println("imported " + imp.config() + " from " + official + " (" + tensors.size() + " tensors, prefix '" + imp.prefix()
                + "', " + imp.ignored().size() + " buffers ignored) into " + out);
        pw.flush();
        return 0;
    }
}
