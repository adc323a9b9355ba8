"""The PyTorch peer for `npm run bench`: the same MLP or CNN as the core, on the same Fashion-MNIST slice, batch and
thread count. Prints one JSON line: samples/s (wall and per CPU second), test accuracy, peak RSS (after training, and at the end).
usage: python3 torch_peer.py <mlp|cnn> <epochs> <threads> <limit> <batch> <data folder>
BENCH_TORCH_DEVICE=cuda runs it on the GPU (test/bench/gpu.sh), timing with the device synchronised."""
import gzip, json, os, resource, struct, sys, time
import numpy as np
import torch
import torch.nn as nn

model_name, epochs, threads, limit, batch, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
torch.set_num_threads(threads)
torch.manual_seed(42)
device = torch.device(os.environ.get("BENCH_TORCH_DEVICE", "cpu"))


def sync():
    if device.type == "cuda":
        torch.cuda.synchronize()


def idx(name):
    with gzip.open(f"{folder}/{name}") as f:
        magic, n = struct.unpack(">II", f.read(8))
        dims = [struct.unpack(">I", f.read(4))[0] for _ in range((magic & 0xFF) - 1)]
        return np.frombuffer(f.read(), dtype=np.uint8).reshape([n] + dims)


x_train = torch.tensor(idx("train-images-idx3-ubyte.gz")[:limit], dtype=torch.float32).unsqueeze(1) / 255
y_train = torch.tensor(idx("train-labels-idx1-ubyte.gz")[:limit], dtype=torch.long)
x_test = torch.tensor(idx("t10k-images-idx3-ubyte.gz"), dtype=torch.float32).unsqueeze(1) / 255
y_test = torch.tensor(idx("t10k-labels-idx1-ubyte.gz"), dtype=torch.long)
x_train, y_train, x_test, y_test = (t.to(device) for t in (x_train, y_train, x_test, y_test))

if model_name == "mlp":
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 500), nn.ReLU(), nn.Linear(500, 10))
else:
    model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(64, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(576, 64), nn.ReLU(), nn.Linear(64, 10))
model = model.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
trained = 0
elapsed = 0.0
cpu = 0.0
for _ in range(epochs):
    order = torch.randperm(len(x_train), device=device)
    model.train()
    sync()
    started = time.perf_counter()
    cpu_started = time.process_time()
    for i in range(0, len(x_train), batch):
        b = order[i:i + batch]
        optimizer.zero_grad()
        loss = loss_fn(model(x_train[b]), y_train[b])
        loss.backward()
        optimizer.step()
    sync()
    elapsed += time.perf_counter() - started
    cpu += time.process_time() - cpu_started
    trained += len(x_train)
peak_rss_training = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
model.eval()
# In batches of 512, as the core evaluates (src/core/evaluate.ts): all 10,000 test images at once made conv1's output
# alone 865 MB, and the peak RSS compared with ours (issue 18 item 5) would have measured that choice.
with torch.no_grad():
    correct = sum((model(x_test[i:i + 512]).argmax(1) == y_test[i:i + 512]).sum().item() for i in range(0, len(x_test), 512))
accuracy = correct / len(x_test)
print(json.dumps({"samplesPerSecond": trained / elapsed, "samplesPerCpuSecond": trained / cpu, "accuracy": accuracy,
                  "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "peakRssTrainingBytes": peak_rss_training}))
