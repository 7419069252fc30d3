"""A small HEAR-API module for the self-test of hear_api_to_onnx.py: a strided convolution on the
waveform (400-sample frames every 25 ms, centred at 0, 25, 50, ... ms) and a linear layer, 32-d.
The scene embedding is the mean of the frames. Weights come from a fixed seed."""
import torch


class ConvFrames(torch.nn.Module):
    sample_rate = 16000
    scene_embedding_size = 32
    timestamp_embedding_size = 32

    def __init__(self):
        super().__init__()
        torch.manual_seed(7)
        self.conv = torch.nn.Conv1d(1, 32, kernel_size=400, stride=400)
        self.proj = torch.nn.Linear(32, 32)

    def forward(self, audio):
        x = torch.nn.functional.pad(audio[:, None, :], (200, 200))
        return self.proj(torch.tanh(self.conv(x)).transpose(1, 2))


def load_model(model_file_path=""):
    return ConvFrames()


def get_timestamp_embeddings(audio, model):
    embeddings = model(audio)
    timestamps = torch.arange(embeddings.shape[1], dtype=torch.float32) * 25.0
    return embeddings, timestamps.expand(audio.shape[0], -1)


def get_scene_embeddings(audio, model):
    embeddings, _ = get_timestamp_embeddings(audio, model)
    return embeddings.mean(dim=1)
