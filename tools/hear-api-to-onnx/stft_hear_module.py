"""A HEAR-API module that torch 1.13 cannot export at opset 14 (torch.stft): the self-test checks that
hear_api_to_onnx.py says so (exit code 3) instead of writing a broken folder."""
import torch


class StftModel(torch.nn.Module):
    sample_rate = 16000
    scene_embedding_size = 257
    timestamp_embedding_size = 257

    def forward(self, audio):
        spec = torch.stft(audio, n_fft=512, hop_length=400, window=torch.hann_window(512), return_complex=True)
        return spec.abs().transpose(1, 2)


def load_model(model_file_path=""):
    return StftModel()


def get_timestamp_embeddings(audio, model):
    embeddings = model(audio)
    timestamps = torch.arange(embeddings.shape[1], dtype=torch.float32) * 25.0
    return embeddings, timestamps.expand(audio.shape[0], -1)


def get_scene_embeddings(audio, model):
    return get_timestamp_embeddings(audio, model)[0].mean(dim=1)
