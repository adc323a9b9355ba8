// The glossary's data: every name of the cell language (sections, settings, layers and their options, activations,
// optimizers, losses, metrics, built-in data) and the TensorFlow.js names engineers write in JavaScript cells.
// Each text is [one plain sentence, what it means for your model or product, typical values].
import { MODEL_TERMS } from './modelTerms';
import type { Term, TermKind } from './types';

type Texts = [summary: string, meaning: string, typical: string];
interface More {
  formula?: string;
  aliases?: string[];
  tfjs?: string[];
}

function term(id: string, kind: TermKind, en: Texts, zh: Texts, more: More = {}): Term {
  const dot = id.lastIndexOf('.');
  return {
    id,
    name: dot < 0 ? id : id.slice(dot + 1),
    context: dot < 0 ? undefined : id.slice(0, dot),
    kind,
    aliases: more.aliases ?? [],
    tfjs: more.tfjs ?? [],
    formula: more.formula,
    en: { summary: en[0], meaning: en[1], typical: en[2] },
    zh: { summary: zh[0], meaning: zh[1], typical: zh[2] },
  };
}

const SECTIONS: Term[] = [
  term(
    'data',
    'section',
    [
      'The `data` section says what the model learns from: a built-in dataset or your own files, and how they are split.',
      'Everything the model will ever know comes from here: if the data does not show a case, the model will not handle it.',
      'A built-in `source` for a first try; your own `train:` file with `label:` for real work; `validation: 0.1`–`0.2`.',
    ],
    [
      '`data` 部分说明模型从什么数据学习：内置数据集或你自己的文件，以及如何划分。',
      '模型能学到的一切都来自这里：数据里没有出现过的情况，模型也处理不好。',
      '先用内置的 `source` 试一试；正式工作用自己的 `train:` 文件加 `label:`；`validation: 0.1`–`0.2`。',
    ],
  ),
  term(
    'model',
    'section',
    [
      'The `model` section lists the layers of the network, from the input to the prediction.',
      'The layers decide what patterns the model can represent, how big it is on disk and how fast it answers.',
      'A few `dense` layers for tables; `conv2d` + `maxPooling2d` blocks, then `flatten` and `dense`, for images.',
    ],
    [
      '`model` 部分按从输入到预测的顺序列出网络的各层。',
      '层决定了模型能表示哪些规律、占多大存储空间、回答得多快。',
      '表格数据用几层 `dense`；图片用若干 `conv2d` + `maxPooling2d` 块，再接 `flatten` 和 `dense`。',
    ],
  ),
  term(
    'train',
    'section',
    [
      'The `train` section sets how the model learns: the optimizer, the loss, how many passes over the data and in what batch size.',
      'These settings decide how long training takes and whether it reaches a good model at all.',
      '`optimizer: adam`, `learningRate: 0.001`, `epochs: 10`–`50`, `batchSize: 32`–`128`.',
    ],
    [
      '`train` 部分设置模型如何学习：优化器、损失函数、遍历数据的轮数和批大小。',
      '这些设置决定训练要多久，以及能否训练出一个好模型。',
      '常用 `optimizer: adam`，`learningRate: 0.001`，`epochs: 10`–`50`，`batchSize: 32`–`128`。',
    ],
  ),
  term(
    'evaluate',
    'section',
    [
      'The `evaluate` section measures the trained model on data it has not trained on.',
      'These are the numbers to trust when deciding whether the model is good enough to ship.',
      '`on: test` when you have a test split; `on: validation` otherwise.',
    ],
    [
      '`evaluate` 部分在模型没有训练过的数据上衡量训练好的模型。',
      '判断模型能否上线时，应当相信这里的数字。',
      '有测试集时用 `on: test`，否则用 `on: validation`。',
    ],
  ),
  term(
    'summary',
    'section',
    [
      'The `summary` section writes a plain-language verdict of the run for a product or an engineering reader.',
      'It turns metrics into a decision: is the goal met, what does it cost, and what to try next.',
      '`goal: { accuracy: 0.9 }`, `audience: product`, `language: auto`.',
    ],
    [
      '`summary` 部分用通俗的语言为产品或工程读者写出这次运行的结论。',
      '它把指标变成决策：目标是否达成、代价多大、下一步试什么。',
      '常用 `goal: { accuracy: 0.9 }`，`audience: product`，`language: auto`。',
    ],
  ),
  term(
    'export',
    'section',
    [
      'The `export` section saves the trained model in the TensorFlow.js layers format (model.json and weight files).',
      'This is the file your app loads to make predictions, in a browser or in Node.js.',
      '`to: ./models/<name>`, a folder next to the notebook.',
    ],
    [
      '`export` 部分把训练好的模型保存为 TensorFlow.js layers 格式（model.json 和权重文件）。',
      '你的应用在浏览器或 Node.js 中加载这个文件来做预测。',
      '`to: ./models/<名称>`，放在笔记本旁边的文件夹。',
    ],
  ),
  term(
    'predict',
    'section',
    [
      'The `predict` section runs the trained model on new files or rows and shows each prediction with its confidence.',
      'A quick way to see what users would get on real examples before you ship.',
      '`input: ./samples/` with a handful of real examples.',
    ],
    [
      '`predict` 部分用训练好的模型对新的文件或数据行做预测，并显示每个预测的置信度。',
      '上线前快速看看用户在真实样例上会得到什么结果。',
      '`input: ./samples/`，放几条真实样例。',
    ],
  ),
];

const SETTINGS: Term[] = [
  term(
    'source',
    'setting',
    [
      'The built-in dataset to train on.',
      'Built-in data needs no files, so you can try a model in seconds before bringing your own data.',
      '`xor`, `spiral` or `blobs` for quick tests; `iris` for a small table; `fashion-mnist` for images.',
    ],
    [
      '用于训练的内置数据集。',
      '内置数据不需要任何文件，你可以在用自己的数据之前几秒内试一个模型。',
      '快速测试用 `xor`、`spiral` 或 `blobs`；小表格用 `iris`；图片用 `fashion-mnist`。',
    ],
  ),
  term(
    'path',
    'setting',
    [
      "The folder that holds a dataset's files, such as the full Fashion-MNIST download.",
      'Lets a built-in dataset read its full files instead of the small sample that ships with the extension.',
      'A folder relative to the notebook, e.g. `./data/fashion`.',
    ],
    [
      '存放数据集文件的文件夹，例如完整下载的 Fashion-MNIST。',
      '让内置数据集读取完整文件，而不是扩展自带的小样本。',
      '相对笔记本的文件夹，例如 `./data/fashion`。',
    ],
  ),
  term(
    'data.train',
    'setting',
    [
      'Your own training file: .csv, .json, .jsonl, .idx, or a folder of images with one subfolder per class.',
      'The model learns only from this file, so it should look like what users will send.',
      'A path relative to the notebook, e.g. `./data/churn.csv`.',
    ],
    [
      '你自己的训练文件：.csv、.json、.jsonl、.idx，或每个类别一个子文件夹的图片文件夹。',
      '模型只从这个文件学习，所以它应当与用户实际发送的数据相似。',
      '相对笔记本的路径，例如 `./data/churn.csv`。',
    ],
  ),
  term(
    'test',
    'setting',
    [
      'Data held back from training and used only once, at the end, to measure the model.',
      'The test score is the honest estimate of how the model will do for real users.',
      '10–20% of your examples, or a separate file collected the same way as the training data.',
    ],
    [
      '训练时留出、只在最后用来衡量模型一次的数据。',
      '测试集上的分数才是模型面对真实用户时表现的可靠估计。',
      '样例的 10–20%，或与训练数据以相同方式收集的单独文件。',
    ],
  ),
  term(
    'label',
    'setting',
    [
      'The column the model learns to predict.',
      'This is the answer your product wants from the model, such as `churned` or `price`.',
      'One column name; text or few whole numbers make a classifier, other numbers a regression.',
    ],
    [
      '模型要学会预测的那一列。',
      '这就是你的产品想从模型得到的答案，比如 `churned` 或 `price`。',
      '一个列名；文字或少数几个整数会得到分类器，其他数值会得到回归模型。',
    ],
  ),
  term(
    'features',
    'setting',
    [
      'The columns the model may look at to make its prediction.',
      'Leave out columns that would not be known at prediction time, or the model will look better in tests than in use.',
      'Default: every column except the label; list them to choose, e.g. `[tenure, plan]`.',
    ],
    [
      '模型做预测时可以参考的列。',
      '去掉预测时还无法得知的列，否则模型在测试中会比实际使用时看起来更好。',
      '默认：除标签外的所有列；也可以列出要用的列，例如 `[tenure, plan]`。',
    ],
  ),
  term(
    'classes',
    'setting',
    [
      'Display names for the label values, in label order.',
      'Outputs and summaries show these names instead of 0, 1, 2.',
      'One name per class, e.g. `[T-shirt, Trouser, Pullover]`.',
    ],
    [
      '标签值的显示名称，按标签顺序排列。',
      '输出和总结会显示这些名称，而不是 0、1、2。',
      '每个类别一个名称，例如 `[T-shirt, Trouser, Pullover]`。',
    ],
  ),
  term(
    'validation',
    'setting',
    [
      'A share of the training data (or a file) that the model does not train on, used to watch progress after each epoch.',
      'When the validation loss stops falling while the training loss still falls, the model has begun to memorise.',
      '`0.1`–`0.2` of the training data; between 0 and 0.9.',
    ],
    [
      '训练数据中不参与训练的一部分（或一个文件），用于在每轮之后观察进展。',
      '当验证损失不再下降而训练损失仍在下降时，说明模型开始死记硬背了。',
      '训练数据的 `0.1`–`0.2`；取值在 0 到 0.9 之间。',
    ],
  ),
  term(
    'limit',
    'setting',
    [
      'Use at most this many training samples.',
      'Prototype on a slice in seconds, then remove the limit for the real run.',
      '`1000`–`20000` while trying ideas; none for the final model.',
    ],
    [
      '最多使用这么多条训练样本。',
      '先在一小部分数据上几秒内做原型，正式运行时再去掉这个限制。',
      '尝试想法时用 `1000`–`20000`；最终模型不设限制。',
    ],
  ),
  term(
    'normalize',
    'setting',
    [
      'Rescale each input feature to mean 0 and standard deviation 1, using statistics of the training split.',
      'Inputs on very different scales slow training down or make it fail; normalising usually fixes that.',
      '`true` (the default) unless your inputs are already scaled.',
    ],
    [
      '用训练集的统计量把每个输入特征缩放到均值 0、标准差 1。',
      '尺度相差很大的输入会让训练变慢甚至失败；归一化通常能解决这个问题。',
      '默认 `true`，除非输入已经缩放过。',
    ],
    { formula: "x' = (x − mean) / std" },
  ),
  term(
    'shuffle',
    'setting',
    [
      'Mix the order of the examples before splitting and training.',
      'Files sorted by class or by date otherwise give a skewed validation split and worse training.',
      '`true` (the default); `false` only for data whose order matters, such as time series.',
    ],
    [
      '在划分和训练之前打乱样本顺序。',
      '否则按类别或日期排序的文件会得到有偏差的验证集，训练效果也更差。',
      '默认 `true`；只有顺序有意义的数据（如时间序列）才用 `false`。',
    ],
  ),
  term(
    'seed',
    'setting',
    [
      'The number that fixes the random choices (shuffling, initial weights, dropout), so a run can be repeated exactly.',
      'With a seed, two runs of the same cell give the same result, so a change you make is the only difference.',
      'Any whole number, e.g. `42`.',
    ],
    [
      '固定随机选择（打乱、初始权重、dropout）的数字，让一次运行可以被完全重复。',
      '设定种子后，同一单元格运行两次结果相同，这样你做的修改就是唯一的差别。',
      '任意整数，例如 `42`。',
    ],
  ),
  term(
    'categorical',
    'setting',
    [
      'Columns whose values are categories (a plan name, a country), not measurements.',
      'Each category becomes its own input (one-hot), so the model does not read "basic < premium" into the names.',
      'The text columns of your table, e.g. `[plan, region]`; at most 1000 categories a column.',
    ],
    [
      '取值是类别（如套餐名、国家）而不是测量值的列。',
      '每个类别成为单独的输入（独热编码），模型就不会把名称理解成大小顺序。',
      '表格里的文字列，例如 `[plan, region]`；每列最多 1000 个类别。',
    ],
  ),
  term(
    'encoding',
    'setting',
    [
      "How categorical columns become numbers: one 0/1 input per category, or the category's number.",
      'One-hot suits dense layers; an index suits an embedding layer, which learns a vector per category.',
      '`onehot` (the default) or `index`.',
    ],
    [
      '类别列如何变成数字：每个类别一个 0/1 输入，或类别的编号。',
      '独热编码适合全连接层；编号适合嵌入层，它为每个类别学习一个向量。',
      '默认 `onehot`，或 `index`。',
    ],
  ),
  term(
    'text',
    'setting',
    [
      'The column of free text (reviews, messages) that the model reads as a sequence of word ids.',
      'Words the training data never shows become "unknown", so the model cannot use them.',
      'One column name, e.g. `review`; pair with `embedding` and a transformer or LSTM layer.',
    ],
    [
      '模型按词编号序列读取的自由文本列（评论、消息）。',
      '训练数据里没有出现过的词会变成"未知"，模型无法利用它们。',
      '一个列名，例如 `review`；配合 `embedding` 和 transformer 或 LSTM 层使用。',
    ],
  ),
  term(
    'maxLength',
    'setting',
    [
      'How many words of each text the model reads: longer texts are cut, shorter ones padded.',
      'Longer sequences see more of each text but train slower.',
      'Default: the longest training text; `64`–`256` for reviews.',
    ],
    [
      '模型读取每段文本的词数：更长的截断，更短的补齐。',
      '序列越长，看到的文本越多，但训练越慢。',
      '默认：最长的训练文本；评论类用 `64`–`256`。',
    ],
  ),
  term(
    'vocabularySize',
    'setting',
    [
      'How many different words the model knows, padding and "unknown" included: the most frequent in training.',
      'A bigger vocabulary knows rarer words but needs a bigger embedding.',
      "`10000` (the default); `2000`–`30000`. Use it as the embedding's `inputDim`.",
    ],
    [
      '模型认识的不同词的数量（含填充和"未知"），取训练数据中最常见的词。',
      '词表越大，认识的罕见词越多，但嵌入层也越大。',
      '默认 `10000`；常用 `2000`–`30000`。把它作为嵌入层的 `inputDim`。',
    ],
  ),
  term(
    'positive',
    'setting',
    [
      'For a yes/no label: the value that counts as "yes", the case the model is meant to find.',
      "Precision, recall and AUC are the positive class's; the model's one output is the probability of it.",
      'The rarer value by default (`malignant`, `fraud`, `yes`); name it when the other one is what you look for.',
    ],
    [
      '对于是/否标签：算作"是"的值，也就是模型要找出的情况。',
      '精确率、召回率和 AUC 都是针对正类的；模型的单个输出就是它的概率。',
      '默认取较少的那个值（`malignant`、`fraud`、`yes`）；若要找的是另一个值，就写出它。',
    ],
  ),
  term(
    'imageSize',
    'setting',
    [
      'The height and width in pixels every image is resized to.',
      'Smaller images train much faster; too small loses the details that tell classes apart.',
      '`[64, 64]` for photos, `[28, 28]` for icons; without it all images must have one size.',
    ],
    [
      '每张图片被缩放到的高度和宽度（像素）。',
      '图片越小训练越快；太小会丢掉区分类别的细节。',
      '照片用 `[64, 64]`，图标用 `[28, 28]`；不设置时所有图片必须同样大小。',
    ],
  ),
  term(
    'channels',
    'setting',
    [
      'Whether images are read in colour (3: red, green, blue) or grey (1).',
      'Grey images are three times smaller; use colour when colour tells the classes apart.',
      '`3` (the default) or `1`.',
    ],
    [
      '图片按彩色（3：红、绿、蓝）还是灰度（1）读取。',
      '灰度图小三倍；当颜色有助于区分类别时用彩色。',
      '默认 `3`，或 `1`。',
    ],
  ),
  term(
    'layers',
    'setting',
    [
      'The list of layers, one per line, applied in order from input to output.',
      'More and wider layers can learn more, but train slower and are more likely to memorise small data.',
      '2–4 `dense` layers for tables; 2–3 convolution blocks for small images.',
    ],
    [
      '层的列表，每行一层，从输入到输出依次应用。',
      '层越多越宽能学到的越多，但训练更慢，在小数据上也更容易死记硬背。',
      '表格数据 2–4 层 `dense`；小图片 2–3 个卷积块。',
    ],
  ),
  term(
    'model.input',
    'setting',
    [
      'The shape of one input sample, without the batch dimension.',
      'Usually inferred from the data; give it when the model is built before any data is loaded.',
      '`[28, 28, 1]` for a grey 28×28 image; `[n]` for a row of n features.',
    ],
    [
      '单个输入样本的形状，不含批次维度。',
      '通常从数据中推断；在加载数据之前构建模型时才需要给出。',
      '灰度 28×28 图片用 `[28, 28, 1]`；n 个特征的一行用 `[n]`。',
    ],
  ),
  term(
    'load',
    'setting',
    [
      'Load a saved TensorFlow.js layers model instead of listing layers.',
      'Continue from a model you trained before, or evaluate a model someone else made.',
      'A folder with model.json, e.g. `./models/fashion-cnn`.',
    ],
    [
      '加载一个已保存的 TensorFlow.js layers 模型，而不是列出各层。',
      '在之前训练过的模型上继续，或评估别人做的模型。',
      '包含 model.json 的文件夹，例如 `./models/fashion-cnn`。',
    ],
  ),
  term(
    'optimizer',
    'setting',
    [
      'The rule that changes the weights after each batch to reduce the loss.',
      'The optimizer mostly decides how fast training gets to a good model and how sensitive it is to the learning rate.',
      '`adam` almost always to start; `sgd` with momentum when tuning a large model.',
    ],
    [
      '每个批次之后调整权重以降低损失的规则。',
      '优化器主要决定训练多快能得到好模型，以及对学习率有多敏感。',
      '起步几乎总是用 `adam`；调优大模型时用带动量的 `sgd`。',
    ],
  ),
  term(
    'learningRate',
    'setting',
    [
      'How big a step the optimizer takes on each update.',
      'Too high and the loss jumps around or becomes NaN; too low and training crawls.',
      '`0.001` for adam, `0.01`–`0.1` for sgd; divide by 10 if the loss explodes.',
    ],
    [
      '优化器每次更新迈出的步子大小。',
      '太大时损失会来回跳动甚至变成 NaN；太小时训练非常缓慢。',
      'adam 用 `0.001`，sgd 用 `0.01`–`0.1`；损失爆炸时除以 10。',
    ],
    { formula: 'θ ← θ − η · ∇L(θ)    (η = learning rate)' },
  ),
  term(
    'loss',
    'setting',
    [
      'The number training tries to make small: how far the predictions are from the right answers.',
      'Pick the loss that matches the question: cross-entropy for categories, squared error for amounts.',
      'Leave it out and the trainer picks from the labels; `crossentropy` or `meanSquaredError` otherwise.',
    ],
    [
      '训练要尽量减小的数字：预测与正确答案相差多远。',
      '选择与问题相符的损失：类别问题用交叉熵，数量问题用平方误差。',
      '不写时训练器会根据标签自动选择；否则用 `crossentropy` 或 `meanSquaredError`。',
    ],
  ),
  term(
    'metrics',
    'setting',
    [
      'Extra numbers reported during training, next to the loss.',
      'Metrics are what people understand (accuracy, error in units); the loss is what the optimizer needs.',
      '`[accuracy]` for classifiers, `[mae]` for regression.',
    ],
    [
      '训练过程中在损失之外额外报告的数字。',
      '指标是人能看懂的（准确率、以单位计的误差）；损失是优化器需要的。',
      '分类用 `[accuracy]`，回归用 `[mae]`。',
    ],
  ),
  term(
    'epochs',
    'setting',
    [
      'How many times training goes through the whole training set.',
      'More epochs take longer and help until the model starts to memorise; then validation scores get worse.',
      '`10`–`50` for small data, `5`–`20` for images; use `earlyStopping` to stop at the right one.',
    ],
    [
      '训练遍历整个训练集的次数（轮数）。',
      '轮数越多耗时越长，在模型开始死记硬背之前会有帮助；之后验证分数会变差。',
      '小数据用 `10`–`50`，图片用 `5`–`20`；用 `earlyStopping` 在合适的轮次停下。',
    ],
  ),
  term(
    'batchSize',
    'setting',
    [
      'How many examples the model sees before each weight update.',
      'Bigger batches train faster per epoch on a GPU but need more memory and sometimes generalise slightly worse.',
      '`32`–`128`; powers of two are customary.',
    ],
    [
      '每次更新权重之前模型看的样本数。',
      '批越大，在 GPU 上每轮训练越快，但需要更多内存，泛化有时略差。',
      '`32`–`128`；习惯上取 2 的幂。',
    ],
  ),
  term(
    'earlyStopping',
    'setting',
    [
      'Stop training when a watched number (usually the validation loss) has not improved for a few epochs.',
      "Saves time and keeps the model from the epochs where it only memorised; with `restoreBest` you keep the best epoch's weights.",
      '`{ monitor: val_loss, patience: 3, restoreBest: true }`.',
    ],
    [
      '当被观察的数字（通常是验证损失）连续几轮没有改善时停止训练。',
      '节省时间，并避免模型在只会死记硬背的轮次上继续；配合 `restoreBest` 会保留最佳一轮的权重。',
      '常用 `{ monitor: val_loss, patience: 3, restoreBest: true }`。',
    ],
  ),
  term(
    'monitor',
    'setting',
    [
      'The number early stopping watches.',
      'Watch a validation number: it shows when the model stops getting better on data it has not seen.',
      '`val_loss` (default with a validation split), `val_accuracy`, or `loss` without one.',
    ],
    [
      '早停所观察的数字。',
      '观察验证集上的数字：它能显示模型何时在没见过的数据上不再进步。',
      '有验证集时默认 `val_loss`，也可用 `val_accuracy`；没有验证集时用 `loss`。',
    ],
  ),
  term(
    'patience',
    'setting',
    [
      'How many epochs without improvement early stopping waits before it stops.',
      'Too small stops on a random bump; too large wastes time after the best epoch.',
      '`3`–`10`.',
    ],
    [
      '早停在停止之前等待的无改善轮数。',
      '太小会因偶然的波动而停下；太大会在最佳轮次之后白白浪费时间。',
      '常用 `3`–`10`。',
    ],
  ),
  term(
    'restoreBest',
    'setting',
    [
      'After early stopping, put back the weights of the best epoch.',
      'The model you keep is the best one seen, not the last one.',
      '`true` (the default).',
    ],
    ['早停之后恢复最佳一轮的权重。', '你保留的是见过的最好的模型，而不是最后一个。', '默认 `true`。'],
  ),
  term(
    'minDelta',
    'setting',
    [
      'The smallest change of the watched number that counts as an improvement.',
      "Keeps tiny random gains from resetting early stopping's patience.",
      '`0` (the default) to `0.001`.',
    ],
    ['被观察数字的最小变化，达到才算改善。', '避免微小的随机提升重置早停的耐心计数。', '默认 `0`，最多 `0.001`。'],
  ),
  term(
    'mode',
    'setting',
    [
      'Whether the watched number should go down (`min`) or up (`max`); `auto` knows from its name.',
      'A wrong direction stops training at the worst epoch instead of the best.',
      '`auto` (the default): losses and errors go down; accuracy, precision, recall and AUC go up.',
    ],
    [
      '被观察的数字应当下降（`min`）还是上升（`max`）；`auto` 根据名字判断。',
      '方向错了，训练会在最差而不是最好的一轮停下。',
      '默认 `auto`：损失和误差越低越好；准确率、精确率、召回率和 AUC 越高越好。',
    ],
  ),
  term(
    'on',
    'setting',
    [
      'Which held-back split `evaluate` measures the model on.',
      'The test split gives the honest final number; the validation split was already used to make choices.',
      '`test` when there is one, else `validation`.',
    ],
    [
      '`evaluate` 在哪一个留出的数据集上衡量模型。',
      '测试集给出可靠的最终数字；验证集已经被用来做过选择。',
      '有测试集时用 `test`，否则用 `validation`。',
    ],
  ),
  term(
    'folds',
    'setting',
    [
      'Cross-validation: train this many models, each tested on a different part of the data, and report the mean ± spread of their scores.',
      'Shows how much the score depends on which rows happened to be held out, which a single split hides on small data.',
      '`5` or `10`; each fold trains a full model, so it takes that many times longer.',
    ],
    [
      '交叉验证：训练这么多个模型，每个在数据的不同部分上测试，报告得分的平均值 ± 波动。',
      '它显示得分在多大程度上取决于恰好留出了哪些行，小数据上单次划分看不出这一点。',
      '`5` 或 `10`；每一折都训练一个完整模型，所以耗时相应成倍增加。',
    ],
  ),
  term(
    'goal',
    'setting',
    [
      'The bar the product needs, as metric and value.',
      'The summary says plainly whether this run meets it.',
      '`{ accuracy: 0.9 }`, `{ mae: 5 }`.',
    ],
    [
      '产品需要达到的标准，写成指标和数值。',
      '总结会直接说明这次运行是否达到了它。',
      '常用 `{ accuracy: 0.9 }`，`{ mae: 5 }`。',
    ],
  ),
  term(
    'audience',
    'setting',
    [
      'Who the summary is written for.',
      '`product` avoids jargon and speaks of users and cost; `engineering` names losses and hyperparameters.',
      '`product` or `engineering`.',
    ],
    [
      '总结是写给谁看的。',
      '`product` 不用术语，谈用户和成本；`engineering` 会提到损失和超参数。',
      '`product` 或 `engineering`。',
    ],
  ),
  term(
    'language',
    'setting',
    [
      'The language of the summary.',
      "`auto` follows VS Code's display language, so each reader gets their own.",
      '`auto`, `en` or `zh-cn`.',
    ],
    ['总结使用的语言。', '`auto` 跟随 VS Code 的显示语言，每位读者看到自己的语言。', '`auto`、`en` 或 `zh-cn`。'],
  ),
  term(
    'to',
    'setting',
    [
      'The folder the trained model is saved to.',
      "Point your app at this folder's model.json to use the model.",
      'A folder relative to the notebook, e.g. `./models/churn`.',
    ],
    [
      '训练好的模型保存到的文件夹。',
      '让你的应用加载这个文件夹里的 model.json 即可使用模型。',
      '相对笔记本的文件夹，例如 `./models/churn`。',
    ],
  ),
  term(
    'overwrite',
    'setting',
    [
      'Whether `export` may replace a model.json or weights.bin in the folder that an earlier export of BigModel Studio did not write.',
      'Files you put there yourself are never replaced unless you say so; an earlier export of this notebook is replaced without asking.',
      'Leave it out (`false`); `true` only to replace files you mean to lose.',
    ],
    [
      '`export` 是否可以替换文件夹中并非由 BigModel Studio 之前导出的 model.json 或 weights.bin。',
      '你自己放进去的文件除非你明确同意，否则绝不会被替换；本笔记本之前导出的模型会直接被替换。',
      '不写（即 `false`）；只有确实要丢弃那些文件时才写 `true`。',
    ],
  ),
  term(
    'predict.input',
    'setting',
    [
      'The files or rows to run the trained model on.',
      "See the model's answers and confidence on examples you pick.",
      'A folder of images or a .csv with the feature columns, e.g. `./samples/`.',
    ],
    [
      '要用训练好的模型做预测的文件或数据行。',
      '在你挑选的样例上查看模型的回答和置信度。',
      '图片文件夹或包含特征列的 .csv，例如 `./samples/`。',
    ],
  ),
];

const LAYERS: Term[] = [
  term(
    'dense',
    'layer',
    [
      'A fully connected layer: every output is a weighted sum of all inputs plus a bias, passed through an activation.',
      'The workhorse for tables and the final layer of almost every classifier; `units` sets its width.',
      'Hidden layers 16–256 units with `relu`; the last layer has one unit per class with `softmax`, or 1 with `sigmoid`.',
    ],
    [
      '全连接层：每个输出都是所有输入的加权和加上偏置，再经过激活函数。',
      '处理表格数据的主力，几乎所有分类器的最后一层；`units` 决定它的宽度。',
      '隐藏层 16–256 个单元配 `relu`；最后一层每个类别一个单元配 `softmax`，或 1 个单元配 `sigmoid`。',
    ],
    { formula: 'y = activation(x · W + b)', tfjs: ['tf.layers.dense'] },
  ),
  term(
    'dropout',
    'layer',
    [
      'During training, sets a random share of its inputs to zero at each step (the `rate`); does nothing at prediction time.',
      'A cheap cure for memorising: the model cannot rely on any single feature. Recurrent layers take a `dropout` option with the same meaning.',
      '`0.2`–`0.5` after large dense layers; lower (`0.1`) after convolutions.',
    ],
    [
      '训练时在每一步把一部分输入（比例为 `rate`）随机置零；预测时不起作用。',
      '治疗死记硬背的廉价方法：模型无法依赖任何单个特征。循环层的 `dropout` 选项含义相同。',
      '大的 dense 层之后用 `0.2`–`0.5`；卷积之后更低（`0.1`）。',
    ],
    { formula: 'training: yᵢ = xᵢ · mᵢ / (1 − rate),  mᵢ ~ Bernoulli(1 − rate)', tfjs: ['tf.layers.dropout'] },
  ),
  term(
    'flatten',
    'layer',
    [
      'Turns a multi-dimensional input, such as an image feature map, into one long vector.',
      'Needed between convolution or pooling layers and a `dense` layer that classifies the whole image.',
      'No settings; one `flatten` after the last convolution block.',
    ],
    [
      '把多维输入（例如图像特征图）展平成一个长向量。',
      '在卷积或池化层与对整张图片做分类的 `dense` 层之间需要它。',
      '无需设置；在最后一个卷积块之后放一个 `flatten`。',
    ],
    { formula: '[h, w, c] → [h · w · c]', tfjs: ['tf.layers.flatten'] },
  ),
  term(
    'conv1d',
    'layer',
    [
      'A 1-D convolution: slides small learned filters along a sequence (time steps, characters).',
      'Finds local patterns in sequences and signals wherever they occur, with few weights.',
      '`filters: 32`–`128`, `kernelSize: 3`–`7`, `activation: relu`.',
    ],
    [
      '一维卷积：沿序列（时间步、字符）滑动学到的小滤波器。',
      '用很少的权重在序列和信号中找出局部模式，无论它出现在哪里。',
      '常用 `filters: 32`–`128`，`kernelSize: 3`–`7`，`activation: relu`。',
    ],
    { formula: 'y[t, k] = activation(Σ_{u,c} x[t·s + u, c] · W[u, c, k] + b[k])', tfjs: ['tf.layers.conv1d'] },
  ),
  term(
    'conv2d',
    'layer',
    [
      'A 2-D convolution: slides small learned filters over an image and outputs one feature map per filter.',
      'The building block of image models: it finds edges, then textures, then parts, wherever they are in the picture.',
      '`filters: 32` then `64`, `kernelSize: 3`, `activation: relu`, each followed by `maxPooling2d`.',
    ],
    [
      '二维卷积：在图像上滑动学到的小滤波器，每个滤波器输出一张特征图。',
      '图像模型的基本构件：它先找到边缘，再找纹理，再找部件，无论它们在图中哪个位置。',
      '`filters: 32` 然后 `64`，`kernelSize: 3`，`activation: relu`，每层后接 `maxPooling2d`。',
    ],
    {
      formula:
        'y[i, j, k] = activation(Σ_{u,v,c} x[i·s + u, j·s + v, c] · W[u, v, c, k] + b[k])\nout = ⌊(in − kernel) / stride⌋ + 1   (padding: valid)',
      tfjs: ['tf.layers.conv2d'],
    },
  ),
  term(
    'maxPooling1d',
    'layer',
    [
      'Keeps the largest value in each window along a sequence, shortening it.',
      'Makes sequence models cheaper and less sensitive to exact positions.',
      '`poolSize: 2`.',
    ],
    [
      '在序列上每个窗口中保留最大值，使序列变短。',
      '让序列模型更省计算，对精确位置不那么敏感。',
      '常用 `poolSize: 2`。',
    ],
    { formula: 'y[t, c] = max_{u < p} x[t·s + u, c]', tfjs: ['tf.layers.maxPooling1d'] },
  ),
  term(
    'maxPooling2d',
    'layer',
    [
      'Keeps the largest value in each small window of a feature map, halving its height and width with `poolSize: 2`.',
      'Cuts computation and makes the model care less about exactly where a feature sits.',
      '`poolSize: 2` after each `conv2d`.',
    ],
    [
      '在特征图的每个小窗口中保留最大值，`poolSize: 2` 时高和宽各减半。',
      '减少计算量，让模型不那么在意特征的精确位置。',
      '每个 `conv2d` 之后用 `poolSize: 2`。',
    ],
    {
      formula: 'y[i, j, c] = max_{u,v < p} x[i·s + u, j·s + v, c]',
      aliases: ['maxpool'],
      tfjs: ['tf.layers.maxPooling2d', 'tf.layers.maxPool2d'],
    },
  ),
  term(
    'averagePooling1d',
    'layer',
    [
      'Averages each window along a sequence, shortening it.',
      'A smoother alternative to max pooling for signals.',
      '`poolSize: 2`.',
    ],
    ['对序列上每个窗口求平均，使序列变短。', '对信号来说是比最大池化更平滑的选择。', '常用 `poolSize: 2`。'],
    { formula: 'y[t, c] = mean_{u < p} x[t·s + u, c]', tfjs: ['tf.layers.averagePooling1d'] },
  ),
  term(
    'averagePooling2d',
    'layer',
    [
      'Averages each small window of a feature map, shrinking its height and width.',
      'Like max pooling but keeps an average response; used less often in small image models.',
      '`poolSize: 2`.',
    ],
    [
      '对特征图的每个小窗口求平均，缩小其高和宽。',
      '与最大池化类似，但保留平均响应；在小型图像模型中较少使用。',
      '常用 `poolSize: 2`。',
    ],
    {
      formula: 'y[i, j, c] = mean_{u,v < p} x[i·s + u, j·s + v, c]',
      aliases: ['avgpool'],
      tfjs: ['tf.layers.averagePooling2d'],
    },
  ),
  term(
    'globalAveragePooling1d',
    'layer',
    [
      'Averages each channel over the whole sequence, giving one number per channel.',
      'Turns a sequence of any length into a fixed-size vector for a `dense` classifier.',
      'No settings; after the last `conv1d`.',
    ],
    [
      '在整个序列上对每个通道求平均，每个通道得到一个数。',
      '把任意长度的序列变成固定长度的向量，供 `dense` 分类器使用。',
      '无需设置；放在最后一个 `conv1d` 之后。',
    ],
    { formula: 'y[c] = mean_t x[t, c]', tfjs: ['tf.layers.globalAveragePooling1d'] },
  ),
  term(
    'globalAveragePooling2d',
    'layer',
    [
      'Averages each feature map over all positions, giving one number per channel.',
      'A light replacement for `flatten` before the classifier, with far fewer weights.',
      'No settings; after the last convolution block.',
    ],
    [
      '在所有位置上对每张特征图求平均，每个通道得到一个数。',
      '在分类器之前代替 `flatten` 的轻量做法，权重少得多。',
      '无需设置；放在最后一个卷积块之后。',
    ],
    { formula: 'y[c] = mean_{i,j} x[i, j, c]', tfjs: ['tf.layers.globalAveragePooling2d'] },
  ),
  term(
    'reshape',
    'layer',
    [
      'Changes the shape of each sample without changing its values.',
      'Lets a flat row be seen as an image or a sequence (e.g. 784 numbers as 28×28×1).',
      '`targetShape: [28, 28, 1]`; the sizes must multiply to the input size.',
    ],
    [
      '改变每个样本的形状，而不改变其中的数值。',
      '让一行扁平数据被当作图片或序列（例如 784 个数当作 28×28×1）。',
      '`targetShape: [28, 28, 1]`；各维大小的乘积必须等于输入大小。',
    ],
    { tfjs: ['tf.layers.reshape'] },
  ),
  term(
    'batchNormalization',
    'layer',
    [
      "Re-centres and rescales its inputs with the batch's mean and variance, then applies a learned scale and shift.",
      'Often makes deep models train faster and less sensitive to the learning rate.',
      'Between a convolution or dense layer and its activation; defaults are fine.',
    ],
    [
      '用批次的均值和方差把输入重新居中和缩放，再应用学到的缩放和平移。',
      '常让深层模型训练更快，对学习率不那么敏感。',
      '放在卷积或 dense 层与其激活之间；默认设置即可。',
    ],
    { formula: 'y = γ · (x − μ_batch) / √(σ²_batch + ε) + β', tfjs: ['tf.layers.batchNormalization'] },
  ),
  term(
    'layerNormalization',
    'layer',
    [
      'Normalises each sample over its own features, then applies a learned scale and shift.',
      'Works the same for any batch size; standard in sequence models and transformers.',
      'Defaults are fine; `epsilon: 0.001`.',
    ],
    [
      '在每个样本自身的特征上做归一化，再应用学到的缩放和平移。',
      '与批大小无关；是序列模型和 Transformer 中的标准做法。',
      '默认设置即可；`epsilon: 0.001`。',
    ],
    { formula: 'y = γ · (x − μ_sample) / √(σ²_sample + ε) + β', tfjs: ['tf.layers.layerNormalization'] },
  ),
  term(
    'embedding',
    'layer',
    [
      'Turns each whole-number token (a word id, a category) into a learned vector.',
      'Lets the model learn which categories or words behave alike, instead of treating ids as amounts.',
      '`inputDim`: vocabulary size; `outputDim: 8`–`128`.',
    ],
    [
      '把每个整数标记（词编号、类别）转换成一个学到的向量。',
      '让模型学到哪些类别或词彼此相似，而不是把编号当作数量。',
      '`inputDim`：词表大小；`outputDim: 8`–`128`。',
    ],
    { formula: 'y = E[token],  E ∈ ℝ^(inputDim × outputDim)', tfjs: ['tf.layers.embedding'] },
  ),
  term(
    'lstm',
    'layer',
    [
      'A recurrent layer with a memory cell and gates that decide what to keep, forget and output at each step.',
      'Reads sequences (text, sensor readings) and remembers things from many steps back.',
      '`units: 32`–`128`; `returnSequences: true` when another recurrent layer follows.',
    ],
    [
      '带有记忆单元和门的循环层，每一步由门决定保留、遗忘和输出什么。',
      '读取序列（文本、传感器读数），并能记住很多步之前的信息。',
      '`units: 32`–`128`；后面还有循环层时设 `returnSequences: true`。',
    ],
    {
      formula:
        'f = σ(W_f·[h, x] + b_f), i = σ(W_i·[h, x] + b_i), o = σ(W_o·[h, x] + b_o)\nc = f ⊙ c + i ⊙ tanh(W_c·[h, x] + b_c),  h = o ⊙ tanh(c)',
      tfjs: ['tf.layers.lstm'],
    },
  ),
  term(
    'gru',
    'layer',
    [
      'A recurrent layer like the LSTM but with two gates and no separate memory cell.',
      'Often as good as an LSTM on sequences, with fewer weights and faster training.',
      '`units: 32`–`128`.',
    ],
    [
      '与 LSTM 类似的循环层，但只有两个门，没有单独的记忆单元。',
      '在序列上常与 LSTM 一样好，权重更少，训练更快。',
      '常用 `units: 32`–`128`。',
    ],
    {
      formula: 'z = σ(W_z·[h, x]), r = σ(W_r·[h, x]), h̃ = tanh(W·[r ⊙ h, x]),  h = (1 − z) ⊙ h + z ⊙ h̃',
      tfjs: ['tf.layers.gru'],
    },
  ),
  term(
    'simpleRNN',
    'layer',
    [
      'The plainest recurrent layer: its new state mixes the current input with its previous state.',
      'Fine for short sequences; forgets long-range context, where an LSTM or GRU does better.',
      '`units: 16`–`64`.',
    ],
    [
      '最简单的循环层：新的状态混合当前输入和之前的状态。',
      '适合短序列；会遗忘长距离的上下文，这时 LSTM 或 GRU 更好。',
      '常用 `units: 16`–`64`。',
    ],
    { formula: 'h_t = tanh(W · x_t + U · h_(t−1) + b)', tfjs: ['tf.layers.simpleRNN'] },
  ),
  term(
    'activation',
    'layer',
    [
      'The function applied to each output of a layer; also a layer of its own that applies only that function.',
      'Without a non-linear activation, stacked layers collapse into one linear map and cannot learn curved boundaries.',
      '`relu` in hidden layers; `softmax` (classes), `sigmoid` (yes/no) or `linear` (amounts) in the last layer.',
    ],
    [
      '作用在层的每个输出上的函数；也可以单独作为一层，只应用这个函数。',
      '没有非线性激活，堆叠的层会退化成一个线性映射，无法学到弯曲的边界。',
      '隐藏层用 `relu`；最后一层用 `softmax`（多类）、`sigmoid`（是/否）或 `linear`（数量）。',
    ],
    { tfjs: ['tf.layers.activation'] },
  ),
];

const OPTIONS: Term[] = [
  term(
    'units',
    'option',
    [
      'How many outputs (neurons) a dense or recurrent layer has.',
      'More units can learn more, but add weights, time and the risk of memorising.',
      '16–256 in hidden layers; the number of classes (or 1) in the last layer.',
    ],
    [
      'dense 层或循环层的输出（神经元）个数。',
      '单元越多能学到的越多，但会增加权重、时间和死记硬背的风险。',
      '隐藏层 16–256；最后一层等于类别数（或 1）。',
    ],
  ),
  term(
    'useBias',
    'option',
    [
      'Whether the layer adds a learned constant (the bias) to each output.',
      'Almost always on; turned off only before a `batchNormalization`, which has its own shift.',
      '`true` (the default).',
    ],
    [
      '层是否给每个输出加上一个学到的常数（偏置）。',
      '几乎总是打开；只有后面紧跟 `batchNormalization`（它自带平移）时才关闭。',
      '默认 `true`。',
    ],
  ),
  term(
    'kernelInitializer',
    'option',
    [
      "How the layer's weights are set before training starts.",
      'A poor start can stall training; the defaults suit most layers.',
      '`glorotUniform` (the default); `heNormal` for deep `relu` networks.',
    ],
    [
      '训练开始前如何设置层的权重。',
      '糟糕的起点会让训练停滞；默认值适合大多数层。',
      '默认 `glorotUniform`；深层 `relu` 网络用 `heNormal`。',
    ],
  ),
  term(
    'biasInitializer',
    'option',
    ["How the layer's biases are set before training starts.", 'Rarely worth changing.', '`zeros` (the default).'],
    ['训练开始前如何设置层的偏置。', '很少值得修改。', '默认 `zeros`。'],
  ),
  term(
    'kernelRegularizer',
    'option',
    [
      'A penalty on large weights, added to the loss.',
      'Pushes the model toward simpler solutions, which helps when it memorises the training data.',
      '`l2`; try dropout first.',
    ],
    ['对大权重的惩罚，加到损失上。', '促使模型选择更简单的解，当模型死记训练数据时有帮助。', '`l2`；先试 dropout。'],
    { formula: 'L_total = L + λ · Σ w²   (l2)     L + λ · Σ |w|   (l1)' },
  ),
  term(
    'biasRegularizer',
    'option',
    ['A penalty on large biases, added to the loss.', 'Seldom useful; regularise the weights instead.', 'Not set.'],
    ['对大偏置的惩罚，加到损失上。', '很少有用；应当正则化权重。', '不设置。'],
  ),
  term(
    'rate',
    'option',
    [
      'The share of inputs a dropout layer sets to zero during training.',
      'Higher rates fight memorising harder but slow learning down.',
      '`0.2`–`0.5`; it must be at least 0 and below 1.',
    ],
    [
      'dropout 层在训练时置零的输入比例。',
      '比例越高对抗死记硬背越强，但学习也越慢。',
      '`0.2`–`0.5`；必须不小于 0 且小于 1。',
    ],
  ),
  term(
    'filters',
    'option',
    [
      'How many different patterns a convolution layer learns; each makes one output channel.',
      'More filters see more kinds of patterns, at the cost of time and memory.',
      '32 in the first block, doubling in later blocks (64, 128).',
    ],
    [
      '卷积层学习的不同模式的个数；每个滤波器产生一个输出通道。',
      '滤波器越多能看到的模式越多，代价是时间和内存。',
      '第一个块 32 个，后续块翻倍（64、128）。',
    ],
  ),
  term(
    'kernelSize',
    'option',
    [
      'The size of the window a convolution filter looks at.',
      'Small windows stacked in several layers see as far as one big window, with fewer weights.',
      '`3` (3×3) for images; `3`–`7` for sequences.',
    ],
    [
      '卷积滤波器所看窗口的大小。',
      '多层叠加的小窗口能看到与一个大窗口同样远的范围，而权重更少。',
      '图片用 `3`（3×3）；序列用 `3`–`7`。',
    ],
  ),
  term(
    'strides',
    'option',
    [
      'How far the window moves between positions.',
      'A stride of 2 halves the output size, like pooling.',
      '`1` (the default); `2` to downsample.',
    ],
    ['窗口每次移动的距离。', '步长为 2 会让输出尺寸减半，效果类似池化。', '默认 `1`；下采样用 `2`。'],
  ),
  term(
    'padding',
    'option',
    [
      "Whether the input's border is padded so the window can also sit on the edges.",
      '`same` keeps the size; `valid` shrinks each side by the window size minus one.',
      '`valid` (the default) or `same`; `causal` for 1-D sequences that must not see the future.',
    ],
    [
      '是否在输入边缘补零，让窗口也能落在边缘上。',
      '`same` 保持尺寸；`valid` 每边缩小（窗口大小减一）。',
      '默认 `valid`，或 `same`；不能看到未来的一维序列用 `causal`。',
    ],
  ),
  term(
    'dilationRate',
    'option',
    [
      "Spaces out the window's cells, so a small filter covers a wider area.",
      'Sees longer-range context without more weights.',
      '`1` (the default); `2`, `4` in sequence models.',
    ],
    [
      '把窗口中的格子拉开间距，使小滤波器覆盖更大的范围。',
      '不增加权重就能看到更远的上下文。',
      '默认 `1`；序列模型中用 `2`、`4`。',
    ],
  ),
  term(
    'dataFormat',
    'option',
    [
      'Whether the channels come last (height, width, channels) or first.',
      'Must match how the data is laid out; TensorFlow.js data is channels-last.',
      '`channelsLast` (the default).',
    ],
    [
      '通道在最后（高、宽、通道）还是在最前。',
      '必须与数据的排列方式一致；TensorFlow.js 的数据是通道在后。',
      '默认 `channelsLast`。',
    ],
  ),
  term(
    'poolSize',
    'option',
    [
      'The size of the window a pooling layer summarises.',
      '`2` halves height and width, cutting the work of later layers by four.',
      '`2`.',
    ],
    ['池化层所汇总的窗口大小。', '`2` 会让高和宽减半，后续层的计算量减为四分之一。', '常用 `2`。'],
  ),
  term(
    'targetShape',
    'option',
    [
      'The shape a reshape layer gives each sample.',
      'The sizes must multiply to the same number of values as the input.',
      '`[28, 28, 1]`.',
    ],
    ['reshape 层赋予每个样本的形状。', '各维大小的乘积必须与输入的数值个数相同。', '常用 `[28, 28, 1]`。'],
  ),
  term(
    'axis',
    'option',
    [
      'The dimension a normalisation layer normalises over.',
      'The channel (last) axis is right for almost every model.',
      '`-1` (the default, the last axis).',
    ],
    ['归一化层进行归一化的维度。', '几乎所有模型都应使用通道（最后一个）维度。', '默认 `-1`（最后一个维度）。'],
  ),
  term(
    'batchNormalization.momentum',
    'option',
    [
      "How slowly batch normalisation's running mean and variance follow each new batch.",
      'These running values are what the model uses at prediction time.',
      '`0.99` (the default); `0.9` for small datasets.',
    ],
    [
      '批归一化的滑动均值和方差跟随每个新批次变化的快慢。',
      '模型在预测时使用的是这些滑动值。',
      '默认 `0.99`；小数据集用 `0.9`。',
    ],
    { formula: 'μ_running ← momentum · μ_running + (1 − momentum) · μ_batch' },
  ),
  term(
    'epsilon',
    'option',
    [
      'A tiny number added to the variance so normalisation never divides by zero.',
      'Keeps training stable; rarely changed.',
      '`0.001`.',
    ],
    ['加到方差上的极小数，使归一化永远不会除以零。', '保持训练稳定；很少修改。', '常用 `0.001`。'],
  ),
  term(
    'center',
    'option',
    [
      'Whether normalisation learns a shift (β) after normalising.',
      'Leave it on unless a later layer adds its own bias.',
      '`true` (the default).',
    ],
    ['归一化之后是否学习一个平移量（β）。', '除非后面的层自带偏置，否则保持打开。', '默认 `true`。'],
  ),
  term(
    'scale',
    'option',
    [
      'Whether normalisation learns a scale (γ) after normalising.',
      'Can be off when the next layer is linear, such as `dense` without activation.',
      '`true` (the default).',
    ],
    ['归一化之后是否学习一个缩放量（γ）。', '下一层是线性层（如不带激活的 `dense`）时可以关闭。', '默认 `true`。'],
  ),
  term(
    'inputDim',
    'option',
    [
      'How many different tokens an embedding layer can look up: the largest token id plus one.',
      'A token at or above this number fails at prediction time.',
      'The vocabulary size, e.g. `10000`.',
    ],
    [
      '嵌入层能查找的不同标记数：最大标记编号加一。',
      '编号大于等于这个数的标记在预测时会出错。',
      '词表大小，例如 `10000`。',
    ],
  ),
  term(
    'outputDim',
    'option',
    [
      'The length of each embedding vector.',
      'Longer vectors can capture more, but need more data.',
      '`8`–`128`; roughly the fourth root of the vocabulary size is a start.',
    ],
    ['每个嵌入向量的长度。', '向量越长能表达的越多，但需要更多数据。', '`8`–`128`；词表大小的四次方根是个起点。'],
  ),
  term(
    'inputLength',
    'option',
    [
      'The length of the token sequences fed to an embedding layer, when it is fixed.',
      'Needed when `flatten` and `dense` follow the embedding.',
      'Your padded sequence length, e.g. `100`.',
    ],
    [
      '输入到嵌入层的标记序列的长度（固定时）。',
      '嵌入层后面接 `flatten` 和 `dense` 时需要它。',
      '补齐后的序列长度，例如 `100`。',
    ],
  ),
  term(
    'maskZero',
    'option',
    [
      'Treat token 0 as padding that later recurrent layers skip.',
      'Sequences padded to one length then do not learn from the padding.',
      '`true` when you pad with 0.',
    ],
    ['把标记 0 当作填充，后续循环层会跳过它。', '补齐到同一长度的序列就不会从填充中学习。', '用 0 填充时设 `true`。'],
  ),
  term(
    'embeddingsInitializer',
    'option',
    [
      'How the embedding vectors are set before training starts.',
      'Rarely worth changing.',
      '`randomUniform` (the default).',
    ],
    ['训练开始前如何设置嵌入向量。', '很少值得修改。', '默认 `randomUniform`。'],
  ),
  term(
    'recurrentActivation',
    'option',
    [
      "The activation of an LSTM's or GRU's gates.",
      'Gates must open between 0 and 1, so this is a sigmoid-like function.',
      '`hardSigmoid` (the TensorFlow.js default) or `sigmoid`.',
    ],
    [
      'LSTM 或 GRU 门的激活函数。',
      '门的开度必须在 0 到 1 之间，所以这是类似 sigmoid 的函数。',
      'TensorFlow.js 默认 `hardSigmoid`，或 `sigmoid`。',
    ],
  ),
  term(
    'returnSequences',
    'option',
    [
      'Whether a recurrent layer outputs its state at every step, or only at the last one.',
      'Stacked recurrent layers need every step; a classifier on top needs only the last.',
      '`true` for all but the last recurrent layer.',
    ],
    [
      '循环层是在每一步都输出状态，还是只在最后一步输出。',
      '堆叠的循环层需要每一步的输出；上面接分类器时只需要最后一步。',
      '除最后一个循环层外都设 `true`。',
    ],
  ),
  term(
    'returnState',
    'option',
    [
      'Whether a recurrent layer also returns its final internal state.',
      'Used by encoder–decoder models; not needed in a simple stack.',
      '`false` (the default).',
    ],
    ['循环层是否同时返回最终的内部状态。', '编码器–解码器模型会用到；简单的层堆叠不需要。', '默认 `false`。'],
  ),
  term(
    'goBackwards',
    'option',
    [
      'Read the sequence from the end to the start.',
      'Sometimes helps when the end of a sequence matters most.',
      '`false` (the default).',
    ],
    ['从序列末尾向开头读取。', '当序列末尾最重要时有时会有帮助。', '默认 `false`。'],
  ),
  term(
    'recurrentDropout',
    'option',
    [
      "Dropout on the connections from one step's state to the next.",
      'Regularises recurrent layers where plain dropout is not enough.',
      '`0.1`–`0.3`.',
    ],
    [
      '作用在一步状态到下一步状态之间连接上的 dropout。',
      '当普通 dropout 不够时，用来正则化循环层。',
      '常用 `0.1`–`0.3`。',
    ],
  ),
  term(
    'recurrentInitializer',
    'option',
    [
      'How the step-to-step weights of a recurrent layer are set before training.',
      'The orthogonal default keeps signals stable over many steps.',
      '`orthogonal` (the default).',
    ],
    ['训练前如何设置循环层中步与步之间的权重。', '默认的正交初始化能让信号在很多步中保持稳定。', '默认 `orthogonal`。'],
  ),
  term(
    'name',
    'option',
    [
      'A name for the layer, shown in the model summary.',
      'Makes long models easier to read; names must be unique.',
      'Optional, e.g. `hidden1`.',
    ],
    ['层的名称，显示在模型概要中。', '让长模型更易读；名称必须唯一。', '可选，例如 `hidden1`。'],
  ),
  term(
    'trainable',
    'option',
    [
      "Whether training may change this layer's weights.",
      'Set `false` to keep a loaded layer fixed while training the rest.',
      '`true` (the default).',
    ],
    ['训练是否可以改变这一层的权重。', '设为 `false` 可以在训练其余部分时固定一个已加载的层。', '默认 `true`。'],
  ),
  term(
    'inputShape',
    'option',
    [
      'The shape of one sample entering the first layer, without the batch dimension.',
      'BigModel fills it in from the data; set it only to override.',
      '`[28, 28, 1]` for images, `[n]` for n features.',
    ],
    [
      '进入第一层的单个样本的形状，不含批次维度。',
      'BigModel 会根据数据自动填写；只有需要覆盖时才设置。',
      '图片用 `[28, 28, 1]`，n 个特征用 `[n]`。',
    ],
  ),
];

const ACTIVATIONS: Term[] = [
  term(
    'relu',
    'activation',
    [
      'ReLU passes positive values through and turns negative values into zero.',
      'The default for hidden layers: cheap, and it keeps gradients alive in deep networks.',
      'Hidden `dense` and `conv2d` layers.',
    ],
    [
      'ReLU 让正值原样通过，把负值变成零。',
      '隐藏层的默认选择：计算便宜，在深层网络中也能保持梯度。',
      '隐藏的 `dense` 和 `conv2d` 层。',
    ],
    { formula: 'relu(x) = max(0, x)', tfjs: ['tf.relu'] },
  ),
  term(
    'sigmoid',
    'activation',
    [
      'The sigmoid squashes any number into the range 0 to 1.',
      'The output of a yes/no classifier: read it as the probability of "yes".',
      'Last layer with 1 unit and `binaryCrossentropy`.',
    ],
    [
      'sigmoid 把任何数压缩到 0 到 1 之间。',
      '是/否分类器的输出：可以理解为“是”的概率。',
      '最后一层 1 个单元，配 `binaryCrossentropy`。',
    ],
    { formula: 'σ(x) = 1 / (1 + e^(−x))', tfjs: ['tf.sigmoid'] },
  ),
  term(
    'softmax',
    'activation',
    [
      "Softmax turns a layer's outputs into probabilities that are positive and add up to 1.",
      'The output of a classifier with several classes: the highest probability is the prediction, and its size is the confidence.',
      'Last layer with one unit per class and a categorical cross-entropy.',
    ],
    [
      'softmax 把层的输出变成都为正、总和为 1 的概率。',
      '多类别分类器的输出：概率最高的就是预测，其大小就是置信度。',
      '最后一层每个类别一个单元，配分类交叉熵。',
    ],
    { formula: 'softmax(z)ᵢ = e^(zᵢ) / Σⱼ e^(zⱼ)', tfjs: ['tf.softmax'] },
  ),
  term(
    'tanh',
    'activation',
    [
      'The hyperbolic tangent squashes any number into the range −1 to 1.',
      'Centred on zero, so it suits recurrent layers and outputs that can be negative.',
      'Recurrent layers (their default); rarely in dense hidden layers today.',
    ],
    [
      '双曲正切把任何数压缩到 −1 到 1 之间。',
      '以零为中心，适合循环层和可能为负的输出。',
      '循环层（默认）；如今很少用于 dense 隐藏层。',
    ],
    { formula: 'tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))', tfjs: ['tf.tanh'] },
  ),
  term(
    'linear',
    'activation',
    [
      'No activation: the output is the weighted sum itself.',
      'The last layer of a regression model, which predicts amounts of any size.',
      'Last layer of regression with `meanSquaredError`.',
    ],
    [
      '不加激活：输出就是加权和本身。',
      '回归模型的最后一层，预测任意大小的数量。',
      '回归的最后一层，配 `meanSquaredError`。',
    ],
    { formula: 'f(x) = x' },
  ),
  term(
    'elu',
    'activation',
    [
      'ELU is like ReLU for positive values but curves smoothly to −1 for negative ones.',
      'Can train a little faster than ReLU in deep networks.',
      'Hidden layers, as an alternative to `relu`.',
    ],
    [
      'ELU 对正值与 ReLU 相同，对负值则平滑地弯向 −1。',
      '在深层网络中可能比 ReLU 训练得快一些。',
      '隐藏层，作为 `relu` 的替代。',
    ],
    { formula: 'elu(x) = x if x > 0, else α · (e^x − 1),  α = 1', tfjs: ['tf.elu'] },
  ),
  term(
    'selu',
    'activation',
    [
      'SELU is a scaled ELU chosen so that activations keep mean 0 and variance 1 through many layers.',
      'Lets deep dense networks train without batch normalisation.',
      'Hidden dense layers with `leCunNormal` initialisation.',
    ],
    [
      'SELU 是缩放后的 ELU，使激活值在多层中保持均值 0、方差 1。',
      '让深层 dense 网络不用批归一化也能训练。',
      '隐藏 dense 层，配 `leCunNormal` 初始化。',
    ],
    { formula: 'selu(x) = λ · x if x > 0, else λ · α · (e^x − 1);  λ ≈ 1.0507, α ≈ 1.6733', tfjs: ['tf.selu'] },
  ),
  term(
    'relu6',
    'activation',
    [
      'ReLU capped at 6.',
      'Keeps values small, which suits models that will run with low-precision numbers on phones.',
      'Mobile-style convolution networks.',
    ],
    ['上限为 6 的 ReLU。', '让数值保持较小，适合在手机上以低精度运行的模型。', '移动端风格的卷积网络。'],
    { formula: 'relu6(x) = min(max(0, x), 6)', tfjs: ['tf.relu6'] },
  ),
  term(
    'softplus',
    'activation',
    [
      'A smooth version of ReLU that is always positive.',
      'Useful for outputs that must be positive, such as a rate or a standard deviation.',
      'Last layer when the prediction must be > 0.',
    ],
    ['ReLU 的平滑版本，始终为正。', '适合必须为正的输出，比如速率或标准差。', '预测值必须大于 0 时用于最后一层。'],
    { formula: 'softplus(x) = log(1 + e^x)', tfjs: ['tf.softplus'] },
  ),
  term(
    'softsign',
    'activation',
    [
      'Squashes values into −1 to 1, more gently than tanh.',
      'An occasional alternative to tanh; rarely needed.',
      'Seldom used.',
    ],
    ['把数值压缩到 −1 到 1 之间，比 tanh 更平缓。', '偶尔替代 tanh；很少需要。', '很少使用。'],
    { formula: 'softsign(x) = x / (1 + |x|)' },
  ),
  term(
    'hardSigmoid',
    'activation',
    [
      'A straight-line approximation of the sigmoid, cheaper to compute.',
      'The default gate activation of TensorFlow.js recurrent layers.',
      '`recurrentActivation` of `lstm` and `gru`.',
    ],
    [
      'sigmoid 的直线近似，计算更便宜。',
      'TensorFlow.js 循环层门的默认激活函数。',
      '`lstm` 和 `gru` 的 `recurrentActivation`。',
    ],
    { formula: 'hardSigmoid(x) = max(0, min(1, 0.2 · x + 0.5))' },
  ),
  term(
    'swish',
    'activation',
    [
      'Swish multiplies the input by its own sigmoid: smooth, and slightly negative for small negative inputs.',
      'Sometimes a little more accurate than ReLU in deep image models.',
      'Hidden layers of deeper networks.',
    ],
    [
      'swish 把输入乘以它自己的 sigmoid：平滑，对小的负输入略为负。',
      '在深层图像模型中有时比 ReLU 略准。',
      '较深网络的隐藏层。',
    ],
    { formula: 'swish(x) = x · σ(x)' },
  ),
  term(
    'mish',
    'activation',
    [
      'Mish is a smooth, self-gated activation similar to swish.',
      'An alternative to ReLU or swish in deep networks; costs a little more to compute.',
      'Hidden layers of deeper networks.',
    ],
    ['mish 是与 swish 类似的平滑自门控激活函数。', '深层网络中 ReLU 或 swish 的替代；计算稍贵。', '较深网络的隐藏层。'],
    { formula: 'mish(x) = x · tanh(softplus(x))' },
  ),
  term(
    'gelu',
    'activation',
    [
      'GELU weights each input by the probability that a standard normal value is below it.',
      'The usual activation of transformer models.',
      'Hidden layers of transformer-style models.',
    ],
    [
      'GELU 用“标准正态值小于该输入的概率”来加权每个输入。',
      'Transformer 模型常用的激活函数。',
      'Transformer 风格模型的隐藏层。',
    ],
    { formula: 'gelu(x) = x · Φ(x) = 0.5 · x · (1 + erf(x / √2))' },
  ),
  term(
    'gelu_new',
    'activation',
    [
      'The tanh approximation of GELU, as used in GPT-2 and BERT code.',
      'Matches models trained with that approximation.',
      'When porting a transformer that used it.',
    ],
    [
      'GELU 的 tanh 近似，GPT-2 和 BERT 的代码中使用。',
      '与用这个近似训练的模型保持一致。',
      '移植使用了它的 Transformer 时。',
    ],
    { formula: 'gelu_new(x) = 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))' },
  ),
];

const OPTIMIZERS: Term[] = [
  term(
    'adam',
    'optimizer',
    [
      'Adam adapts the step size of every weight from running averages of its recent gradients and their squares.',
      'Works well with little tuning, so it is the best first choice for almost any model.',
      '`learningRate: 0.001`; β₁ = 0.9, β₂ = 0.999.',
    ],
    [
      'Adam 根据每个权重最近梯度及其平方的滑动平均，自适应地调整它的步长。',
      '几乎不用调参就效果很好，所以几乎对任何模型都是最好的首选。',
      '常用 `learningRate: 0.001`；β₁ = 0.9，β₂ = 0.999。',
    ],
    {
      formula:
        'm ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²\nm̂ = m / (1 − β₁ᵗ);   v̂ = v / (1 − β₂ᵗ);   θ ← θ − η · m̂ / (√v̂ + ε)',
      tfjs: ['tf.train.adam'],
    },
  ),
  term(
    'sgd',
    'optimizer',
    [
      'Stochastic gradient descent moves each weight a small step against its gradient on each batch.',
      'Simple and predictable; needs a well-chosen learning rate and usually more epochs than Adam.',
      '`learningRate: 0.01`–`0.1`; add `momentum: 0.9`.',
    ],
    [
      '随机梯度下降在每个批次上让每个权重沿梯度的反方向移动一小步。',
      '简单且可预测；需要精心选择学习率，通常比 Adam 需要更多轮。',
      '`learningRate: 0.01`–`0.1`；加上 `momentum: 0.9`。',
    ],
    { formula: 'θ ← θ − η · ∇L(θ)', tfjs: ['tf.train.sgd'] },
  ),
  term(
    'momentum',
    'optimizer',
    [
      'Gradient descent with momentum: steps keep part of their previous direction, like a rolling ball.',
      'Gets through flat and noisy regions faster than plain SGD.',
      '`learningRate: 0.01`, momentum `0.9`.',
    ],
    [
      '带动量的梯度下降：每一步保留之前方向的一部分，像滚动的球。',
      '比普通 SGD 更快地穿过平坦和噪声大的区域。',
      '`learningRate: 0.01`，动量 `0.9`。',
    ],
    { formula: 'v ← μ · v + ∇L(θ);   θ ← θ − η · v', tfjs: ['tf.train.momentum'] },
  ),
  term(
    'rmsprop',
    'optimizer',
    [
      "RMSprop divides each step by a running average of the gradient's size.",
      'A classic choice for recurrent networks; similar to Adam without the momentum term.',
      '`learningRate: 0.001`.',
    ],
    [
      'RMSprop 把每一步除以梯度大小的滑动平均。',
      '循环网络的经典选择；类似没有动量项的 Adam。',
      '常用 `learningRate: 0.001`。',
    ],
    { formula: 'v ← ρ · v + (1 − ρ) · g²;   θ ← θ − η · g / (√v + ε)', tfjs: ['tf.train.rmsprop'] },
  ),
  term(
    'adagrad',
    'optimizer',
    [
      'Adagrad gives each weight a step size that shrinks with the sum of its past squared gradients.',
      'Good for sparse features that appear rarely; steps can become too small on long runs.',
      '`learningRate: 0.01`.',
    ],
    [
      'Adagrad 给每个权重一个随其过去梯度平方之和而缩小的步长。',
      '适合很少出现的稀疏特征；长时间训练时步长可能变得太小。',
      '常用 `learningRate: 0.01`。',
    ],
    { formula: 'G ← G + g²;   θ ← θ − η · g / √(G + ε)', tfjs: ['tf.train.adagrad'] },
  ),
  term(
    'adadelta',
    'optimizer',
    [
      'Adadelta scales steps by the ratio of recent update sizes to recent gradient sizes.',
      'Less sensitive to the learning rate than Adagrad; rarely better than Adam.',
      '`learningRate: 1` in Keras; TensorFlow.js defaults to 0.001.',
    ],
    [
      'Adadelta 用最近更新幅度与最近梯度幅度之比来缩放步长。',
      '比 Adagrad 对学习率更不敏感；很少比 Adam 更好。',
      'Keras 中 `learningRate: 1`；TensorFlow.js 默认 0.001。',
    ],
    {
      formula:
        'E[g²] ← ρE[g²] + (1 − ρ)g²;   Δθ = −√(E[Δθ²] + ε) / √(E[g²] + ε) · g\nE[Δθ²] ← ρE[Δθ²] + (1 − ρ)Δθ²;   θ ← θ + η · Δθ',
      tfjs: ['tf.train.adadelta'],
    },
  ),
  term(
    'adamax',
    'optimizer',
    [
      'Adamax is Adam with the largest recent gradient size in place of the average of squares.',
      'Sometimes steadier than Adam when gradients have rare large spikes.',
      '`learningRate: 0.002`.',
    ],
    [
      'Adamax 是用最近最大梯度幅度代替平方平均的 Adam。',
      '当梯度偶尔出现很大尖峰时，有时比 Adam 更稳定。',
      '常用 `learningRate: 0.002`。',
    ],
    {
      formula: 'm ← β₁·m + (1 − β₁)·g;   u ← max(β₂·u, |g|);   θ ← θ − (η / (1 − β₁ᵗ)) · m / u',
      tfjs: ['tf.train.adamax'],
    },
  ),
];

const LOSSES: Term[] = [
  term(
    'crossentropy',
    'loss',
    [
      "BigModel's shorthand that picks the right cross-entropy for your labels: binary for yes/no, categorical for several classes.",
      'You do not need to know how the labels are encoded.',
      'Any classifier.',
    ],
    [
      'BigModel 的简写，会根据标签选择合适的交叉熵：是/否用二元交叉熵，多类用分类交叉熵。',
      '你不需要知道标签是如何编码的。',
      '任何分类器。',
    ],
    { aliases: ['ce'], formula: 'L = −Σ_c y_c · log(p_c)' },
  ),
  term(
    'categoricalCrossentropy',
    'loss',
    [
      'Cross-entropy for several classes: minus the log of the probability the model gave the right class.',
      'Punishes confident wrong answers hard, which makes probabilities meaningful.',
      'Classifiers with a `softmax` last layer and one-hot labels.',
    ],
    [
      '多类别的交叉熵：模型给正确类别的概率取对数再取负。',
      '对自信的错误答案惩罚很重，这让概率有意义。',
      '最后一层为 `softmax`、标签为独热编码的分类器。',
    ],
    {
      formula: 'L = −Σ_c y_c · log(p_c)   (y one-hot, p = softmax output)',
      tfjs: ['tf.losses.softmaxCrossEntropy', 'tf.metrics.categoricalCrossentropy'],
    },
  ),
  term(
    'sparseCategoricalCrossentropy',
    'loss',
    [
      'Categorical cross-entropy for labels given as class numbers (0, 1, 2, …) instead of one-hot vectors.',
      'Same training as categorical cross-entropy; BigModel uses one-hot labels and converts it for you.',
      'Classifiers with a `softmax` last layer.',
    ],
    [
      '标签为类别编号（0、1、2……）而不是独热向量时的分类交叉熵。',
      '训练效果与分类交叉熵相同；BigModel 使用独热标签，会自动为你转换。',
      '最后一层为 `softmax` 的分类器。',
    ],
    { formula: 'L = −log(p_y)   (y = class index)', tfjs: ['tf.metrics.sparseCategoricalCrossentropy'] },
  ),
  term(
    'binaryCrossentropy',
    'loss',
    [
      'Cross-entropy for yes/no questions: minus the log of the probability given to the right answer.',
      'The loss for a single yes/no output such as churn or spam.',
      'Last layer with 1 unit and `sigmoid`.',
    ],
    [
      '是/否问题的交叉熵：给正确答案的概率取对数再取负。',
      '单个是/否输出（如流失、垃圾邮件）所用的损失。',
      '最后一层 1 个单元配 `sigmoid`。',
    ],
    {
      formula: 'L = −[y · log(p) + (1 − y) · log(1 − p)]',
      tfjs: ['tf.losses.sigmoidCrossEntropy', 'tf.losses.logLoss', 'tf.metrics.binaryCrossentropy'],
    },
  ),
  term(
    'meanSquaredError',
    'loss',
    [
      'The average of the squared differences between predictions and true values.',
      'The standard loss for predicting amounts; large errors count much more than small ones.',
      'Regression with a `linear` last layer.',
    ],
    [
      '预测值与真实值之差的平方的平均。',
      '预测数量时的标准损失；大误差比小误差的权重大得多。',
      '最后一层为 `linear` 的回归。',
    ],
    {
      formula: 'MSE = (1/n) · Σᵢ (yᵢ − ŷᵢ)²',
      aliases: ['mse', 'MSE'],
      tfjs: ['tf.losses.meanSquaredError', 'tf.metrics.meanSquaredError'],
    },
  ),
  term(
    'meanAbsoluteError',
    'loss',
    [
      'The average size of the difference between predictions and true values.',
      'Easy to explain ("off by 3 on average") and less swayed by a few extreme examples than squared error.',
      'Regression; also a good metric next to `meanSquaredError`.',
    ],
    [
      '预测值与真实值之差的绝对值的平均。',
      '容易解释（“平均差 3”），受少数极端样本的影响比平方误差小。',
      '回归；也适合作为 `meanSquaredError` 旁边的指标。',
    ],
    {
      formula: 'MAE = (1/n) · Σᵢ |yᵢ − ŷᵢ|',
      aliases: ['mae', 'MAE'],
      tfjs: ['tf.losses.absoluteDifference', 'tf.metrics.meanAbsoluteError'],
    },
  ),
  term(
    'meanAbsolutePercentageError',
    'loss',
    [
      'The average error as a percentage of the true value.',
      'Speaks in relative terms ("8% off"); breaks down when true values are near zero.',
      'Regression of strictly positive amounts such as prices.',
    ],
    [
      '以真实值百分比表示的平均误差。',
      '用相对的说法（“差 8%”）；真实值接近零时会失效。',
      '严格为正的数量（如价格）的回归。',
    ],
    {
      formula: 'MAPE = (100 / n) · Σᵢ |(yᵢ − ŷᵢ) / yᵢ|',
      aliases: ['mape', 'MAPE'],
      tfjs: ['tf.metrics.meanAbsolutePercentageError'],
    },
  ),
  term(
    'meanSquaredLogarithmicError',
    'loss',
    [
      'Squared error between the logs of prediction and truth.',
      'Cares about relative error, so a large value being 10% off weighs like a small one being 10% off.',
      'Counts and amounts that span several orders of magnitude.',
    ],
    [
      '预测值与真实值取对数后的平方误差。',
      '关注相对误差，所以大数值差 10% 与小数值差 10% 的权重相同。',
      '跨越几个数量级的计数和数量。',
    ],
    { formula: 'MSLE = (1/n) · Σᵢ (log(1 + ŷᵢ) − log(1 + yᵢ))²', aliases: ['msle'] },
  ),
  term(
    'hinge',
    'loss',
    [
      'The margin loss of support vector machines: zero once the answer is right by a margin of 1.',
      'Yields a yes/no classifier without probabilities.',
      'Labels −1/1 with a `tanh` or `linear` output; rarely used in neural networks.',
    ],
    [
      '支持向量机的间隔损失：答案正确且间隔达到 1 时为零。',
      '得到一个不输出概率的是/否分类器。',
      '标签为 −1/1，输出用 `tanh` 或 `linear`；神经网络中很少用。',
    ],
    { formula: 'L = mean(max(0, 1 − y · ŷ)),  y ∈ {−1, 1}', tfjs: ['tf.losses.hingeLoss'] },
  ),
  term(
    'squaredHinge',
    'loss',
    [
      'The hinge loss squared, which punishes large margin violations more.',
      'A smoother margin loss for yes/no classifiers.',
      'Labels −1/1; rarely used.',
    ],
    ['平方后的 hinge 损失，对大的间隔违规惩罚更重。', '是/否分类器的更平滑的间隔损失。', '标签为 −1/1；很少使用。'],
    { formula: 'L = mean(max(0, 1 − y · ŷ)²)' },
  ),
  term(
    'categoricalHinge',
    'loss',
    [
      'The margin loss for several classes: the right class must beat the best wrong class by 1.',
      'A margin-based alternative to categorical cross-entropy.',
      'One-hot labels; rarely used.',
    ],
    [
      '多类别的间隔损失：正确类别的得分必须比最好的错误类别高出 1。',
      '分类交叉熵的基于间隔的替代。',
      '独热标签；很少使用。',
    ],
    { formula: 'L = max(0, 1 + max_(c ≠ y) ŷ_c − ŷ_y)' },
  ),
  term(
    'logcosh',
    'loss',
    [
      'The log of the hyperbolic cosine of the error: like squared error for small errors, like absolute error for large ones.',
      'Robust regression: a few wild examples do not dominate training.',
      'Regression with outliers.',
    ],
    [
      '误差的双曲余弦取对数：小误差时像平方误差，大误差时像绝对误差。',
      '稳健的回归：少数离谱的样本不会主导训练。',
      '有离群值的回归。',
    ],
    { formula: 'L = mean(log(cosh(ŷ − y)))' },
  ),
  term(
    'kullbackLeiblerDivergence',
    'loss',
    [
      'How much one probability distribution differs from another.',
      "Trains a model to output a whole distribution, e.g. to copy a larger model's probabilities.",
      'Distillation and probabilistic outputs.',
    ],
    [
      '一个概率分布与另一个概率分布相差多少。',
      '训练模型输出整个分布，例如模仿一个更大模型的概率。',
      '知识蒸馏和概率输出。',
    ],
    { formula: 'KL(y ‖ ŷ) = Σ y · log(y / ŷ)', aliases: ['kld', 'KLD'] },
  ),
  term(
    'poisson',
    'loss',
    [
      'The loss for predicting counts that follow a Poisson distribution.',
      'Fits "how many" questions, such as visits per day.',
      'Count regression with a positive output (`softplus` or `relu`).',
    ],
    [
      '预测服从泊松分布的计数时所用的损失。',
      '适合“有多少”类的问题，比如每天的访问次数。',
      '输出为正（`softplus` 或 `relu`）的计数回归。',
    ],
    { formula: 'L = mean(ŷ − y · log(ŷ))' },
  ),
  term(
    'cosineProximity',
    'loss',
    [
      'Minus the cosine of the angle between prediction and truth vectors.',
      'Cares about direction, not length: used for embeddings and similarity.',
      'Embedding models.',
    ],
    ['预测向量与真实向量夹角余弦的相反数。', '只关心方向不关心长度：用于嵌入和相似度。', '嵌入模型。'],
    {
      formula: 'L = −(y · ŷ) / (‖y‖ · ‖ŷ‖)',
      aliases: ['cosine'],
      tfjs: ['tf.losses.cosineDistance', 'tf.metrics.cosineProximity'],
    },
  ),
];

const METRICS: Term[] = [
  term(
    'accuracy',
    'metric',
    [
      'The share of examples the model gets right.',
      'The clearest number for a product; misleading when one class is much more common than the others.',
      'Compare with always guessing the most common class; 0.9 means 9 of 10 right.',
    ],
    [
      '模型答对的样本所占的比例。',
      '对产品来说最清楚的数字；当某一类比其他类常见得多时会产生误导。',
      '与“总是猜最常见的类别”比较；0.9 表示 10 个里对 9 个。',
    ],
    { formula: 'accuracy = correct / total', aliases: ['acc'], tfjs: ['tf.metrics.categoricalAccuracy'] },
  ),
  term(
    'binaryAccuracy',
    'metric',
    [
      'Accuracy of a yes/no classifier, counting an output above 0.5 as "yes".',
      'Accuracy for `sigmoid` outputs.',
      'Yes/no classifiers.',
    ],
    ['是/否分类器的准确率，输出大于 0.5 计为“是”。', '适用于 `sigmoid` 输出的准确率。', '是/否分类器。'],
    { formula: 'binaryAccuracy = mean([ŷ > 0.5] = y)', tfjs: ['tf.metrics.binaryAccuracy'] },
  ),
  term(
    'categoricalAccuracy',
    'metric',
    [
      'Accuracy of a multi-class classifier: the class with the highest probability must be the right one.',
      'Accuracy for `softmax` outputs with one-hot labels.',
      'Multi-class classifiers.',
    ],
    [
      '多类别分类器的准确率：概率最高的类别必须是正确的类别。',
      '适用于 `softmax` 输出和独热标签的准确率。',
      '多类别分类器。',
    ],
    { formula: 'categoricalAccuracy = mean(argmax ŷ = argmax y)' },
  ),
  term(
    'precision',
    'metric',
    [
      'Of the examples the model flagged as positive, the share that really are.',
      'High precision means few false alarms, which matters when acting on a flag is costly.',
      'Read together with recall; 0.9 means 1 in 10 flags is wrong.',
    ],
    [
      '在模型判为正类的样本中，真正是正类的比例。',
      '精确率高意味着误报少，当根据判断采取行动代价很高时很重要。',
      '与召回率一起看；0.9 表示每 10 次标记有 1 次是错的。',
    ],
    { formula: 'precision = TP / (TP + FP)', tfjs: ['tf.metrics.precision'] },
  ),
  term(
    'recall',
    'metric',
    [
      'Of the truly positive examples, the share the model found.',
      'High recall means few misses, which matters when a missed case is costly (fraud, illness).',
      'Read together with precision.',
    ],
    [
      '在真正的正类样本中，模型找出来的比例。',
      '召回率高意味着漏报少，当漏掉一个案例代价很高（欺诈、疾病）时很重要。',
      '与精确率一起看。',
    ],
    { formula: 'recall = TP / (TP + FN)', tfjs: ['tf.metrics.recall'] },
  ),
  term(
    'f1',
    'metric',
    [
      'The harmonic mean of precision and recall.',
      'One number that is high only when both false alarms and misses are few.',
      '0.8 and above is good for most tasks.',
    ],
    ['精确率和召回率的调和平均。', '只有误报和漏报都少时才会高的一个数字。', '大多数任务中 0.8 以上算好。'],
    { formula: 'F1 = 2 · precision · recall / (precision + recall)' },
  ),
  term(
    'balancedAccuracy',
    'metric',
    [
      "The mean of each class's recall: accuracy as if every class were equally common.",
      'On imbalanced data plain accuracy rewards always answering the common class; balanced accuracy does not (that scores 1 ÷ classes).',
      'Compare with 1 ÷ the number of classes (0.5 for yes/no), which is what guessing scores.',
    ],
    [
      '各类别召回率的平均：假设每个类别一样常见时的准确率。',
      '在不平衡的数据上，普通准确率会奖励总是回答常见类别；平衡准确率不会（那样只得 1 ÷ 类别数）。',
      '与 1 ÷ 类别数（是/否问题为 0.5）比较，那是瞎猜的得分。',
    ],
    { formula: 'balancedAccuracy = (1/k) · Σ_c recall_c' },
  ),
  term(
    'auc',
    'metric',
    [
      'The area under the ROC curve: the chance the model scores a random positive above a random negative.',
      'Judges a yes/no model independently of the threshold you later pick.',
      '0.5 is guessing, 0.8 good, 0.9 and above very good.',
    ],
    [
      'ROC 曲线下的面积：模型给一个随机正例的得分高于一个随机负例的概率。',
      '评价是/否模型，而不受之后选择的阈值影响。',
      '0.5 等于瞎猜，0.8 良好，0.9 以上很好。',
    ],
    { formula: 'AUC = P(score(positive) > score(negative))' },
  ),
  term(
    'rmse',
    'metric',
    [
      'The square root of the mean squared error, in the same units as the target.',
      'A typical size of the error, with large errors counting more than in MAE.',
      'Compare with the spread of the target values.',
    ],
    ['均方误差的平方根，单位与目标相同。', '误差的典型大小，大误差的权重比 MAE 中更大。', '与目标值的离散程度比较。'],
    { formula: 'RMSE = √((1/n) · Σᵢ (yᵢ − ŷᵢ)²)' },
  ),
  term(
    'r2',
    'metric',
    [
      "R², the share of the target's variation that the model explains.",
      '1 is perfect, 0 is no better than always predicting the average.',
      '0.7 and above is usually useful; negative means worse than the average.',
    ],
    [
      'R²，目标值的变化中被模型解释的比例。',
      '1 为完美，0 表示不比总是预测平均值更好。',
      '0.7 以上通常有用；为负表示比平均值还差。',
    ],
    { formula: 'R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²' },
  ),
];

const SOURCES: Term[] = [
  term(
    'fashion-mnist',
    'source',
    [
      '70,000 grey 28×28 pictures of clothes in 10 classes (T-shirt, trouser, pullover, …).',
      'A realistic small image task: a small CNN reaches about 90% accuracy.',
      '`source: fashion-mnist` with a `conv2d` model; `limit: 5000` for a quick run.',
    ],
    [
      '70,000 张 28×28 的灰度服装图片，共 10 个类别（T 恤、裤子、套衫……）。',
      '一个真实的小型图像任务：小型 CNN 可以达到约 90% 的准确率。',
      '`source: fashion-mnist` 配 `conv2d` 模型；快速运行用 `limit: 5000`。',
    ],
  ),
  term(
    'iris',
    'source',
    [
      '150 iris flowers, 4 measurements each, in 3 species.',
      'The classic tiny table: trains in a second and shows a classifier end to end.',
      '`source: iris` with two small `dense` layers.',
    ],
    [
      '150 朵鸢尾花，每朵 4 项测量值，共 3 个品种。',
      '经典的小表格：一秒训练完，完整展示一个分类器。',
      '`source: iris` 配两层小的 `dense`。',
    ],
  ),
  term(
    'xor',
    'source',
    [
      'Points in a square whose label is whether x and y have different signs.',
      'The smallest problem a straight line cannot solve: a hidden layer with a non-linear activation is needed.',
      '`source: xor` with `dense: { units: 8, activation: relu }` then 1 `sigmoid` unit.',
    ],
    [
      '正方形中的点，标签是 x 与 y 的符号是否不同。',
      '直线无法解决的最小问题：需要一个带非线性激活的隐藏层。',
      '`source: xor` 配 `dense: { units: 8, activation: relu }`，再接 1 个 `sigmoid` 单元。',
    ],
  ),
  term(
    'spiral',
    'source',
    [
      'Three interleaved spiral arms of points, one class per arm.',
      'Needs a curved decision boundary: a good test of depth and width.',
      '`source: spiral` with 2–3 `dense` layers of 32–64 units.',
    ],
    [
      '三条交错的螺旋臂上的点，每条臂一个类别。',
      '需要弯曲的决策边界：很适合测试深度和宽度。',
      '`source: spiral` 配 2–3 层 32–64 个单元的 `dense`。',
    ],
  ),
  term(
    'blobs',
    'source',
    [
      'Clusters of points around a few centres, one class per cluster.',
      'An easy problem for checking that a setup trains at all.',
      '`source: blobs` with one small `dense` layer.',
    ],
    [
      '围绕几个中心的点簇，每个簇一个类别。',
      '一个简单的问题，用来检查设置能否正常训练。',
      '`source: blobs` 配一层小的 `dense`。',
    ],
  ),
];

const INITIALIZERS: Term[] = [
  term(
    'glorotUniform',
    'initializer',
    [
      'Random starting weights from a uniform range scaled by the numbers of inputs and outputs.',
      'Keeps signals the same size through layers; the default of dense and convolution layers.',
      'The default; fine with `tanh`, `sigmoid` and most `relu` models.',
    ],
    [
      '从按输入和输出数量缩放的均匀区间中随机取初始权重。',
      '让信号在各层之间保持相近的大小；dense 和卷积层的默认值。',
      '默认值；适合 `tanh`、`sigmoid` 和大多数 `relu` 模型。',
    ],
    {
      formula: 'W ~ U(−√(6 / (fan_in + fan_out)), √(6 / (fan_in + fan_out)))',
      tfjs: ['tf.initializers.glorotUniform'],
    },
  ),
  term(
    'heNormal',
    'initializer',
    [
      'Random starting weights from a normal distribution scaled for ReLU layers.',
      'Helps deep `relu` networks start training.',
      'Deep networks with `relu`.',
    ],
    ['从为 ReLU 层缩放的正态分布中随机取初始权重。', '帮助深层 `relu` 网络开始训练。', '使用 `relu` 的深层网络。'],
    { formula: 'W ~ N(0, 2 / fan_in)', tfjs: ['tf.initializers.heNormal'] },
  ),
  term(
    'zeros',
    'initializer',
    [
      'Start every value at zero.',
      'Right for biases; wrong for weights, which would then all learn the same thing.',
      'Biases (the default).',
    ],
    ['所有值都从零开始。', '适合偏置；不适合权重，否则所有权重会学到同样的东西。', '偏置（默认）。'],
    { tfjs: ['tf.initializers.zeros'] },
  ),
  term(
    'l2',
    'concept',
    [
      'L2 regularisation: adds the sum of squared weights, times a small factor, to the loss.',
      'Keeps weights small so the model relies on many features a little rather than a few a lot.',
      'Factor 0.0001–0.01.',
    ],
    [
      'L2 正则化：把权重平方和乘以一个小系数加到损失上。',
      '让权重保持较小，使模型少量地依赖许多特征，而不是大量依赖少数特征。',
      '系数 0.0001–0.01。',
    ],
    { formula: 'L_total = L + λ · Σ w²', tfjs: ['tf.regularizers.l2'] },
  ),
];

const CONCEPTS: Term[] = [
  term(
    'attention',
    'concept',
    [
      'Attention lets each position of a sequence take a weighted mix of all other positions, with weights from how well their keys match its query.',
      'The core of transformers: it relates words or pixels that are far apart.',
      'd_k = 64 per head; 4–16 heads.',
    ],
    [
      '注意力让序列的每个位置根据其查询与其他位置的键的匹配程度，对所有其他位置做加权混合。',
      'Transformer 的核心：它能关联相距很远的词或像素。',
      '每个头 d_k = 64；4–16 个头。',
    ],
    { formula: 'Attention(Q, K, V) = softmax(Q · Kᵀ / √d_k) · V' },
  ),
  term(
    'overfitting',
    'concept',
    [
      'The model memorises the training examples instead of learning the pattern, so it does worse on new data.',
      'Shows as a training loss that keeps falling while the validation loss rises; users get the worse number.',
      'Cures: more data, `dropout`, a smaller model, `earlyStopping`.',
    ],
    [
      '模型死记训练样本而不是学到规律，所以在新数据上表现更差。',
      '表现为训练损失持续下降而验证损失上升；用户得到的是更差的那个数字。',
      '对策：更多数据、`dropout`、更小的模型、`earlyStopping`。',
    ],
  ),
  term(
    'underfitting',
    'concept',
    [
      'The model is too simple, or trained too briefly, to capture the pattern even on the training data.',
      'Both training and validation scores are poor.',
      'Cures: a bigger model, more epochs, a higher learning rate, better features.',
    ],
    [
      '模型太简单或训练时间太短，连训练数据上的规律都没学到。',
      '训练和验证分数都很差。',
      '对策：更大的模型、更多轮、更高的学习率、更好的特征。',
    ],
  ),
  term(
    'gradient',
    'concept',
    [
      'How much the loss changes when each weight changes a little: the direction in which the loss rises fastest.',
      'Training moves the weights against the gradient; a NaN gradient means the run has diverged.',
      'Computed for you by backpropagation.',
    ],
    [
      '每个权重稍微变化时损失变化多少：损失上升最快的方向。',
      '训练让权重沿梯度的反方向移动；梯度为 NaN 意味着训练已经发散。',
      '由反向传播自动计算。',
    ],
    { formula: '∇L(θ) = (∂L/∂θ₁, …, ∂L/∂θₙ)', tfjs: ['tf.grad', 'tf.grads'] },
  ),
  term(
    'tensor',
    'concept',
    [
      'A tensor is an array of numbers with a shape, such as [batch, 28, 28, 1] for a batch of grey images.',
      'All data and weights in TensorFlow.js are tensors; shape mismatches are the most common error.',
      'Create with `tf.tensor`; free with `dispose()` or inside `tf.tidy`.',
    ],
    [
      '张量是带形状的数字数组，比如一批灰度图片的形状是 [batch, 28, 28, 1]。',
      'TensorFlow.js 中的所有数据和权重都是张量；形状不匹配是最常见的错误。',
      '用 `tf.tensor` 创建；用 `dispose()` 或在 `tf.tidy` 中释放。',
    ],
    { tfjs: ['tf.tensor', 'tf.tensor1d', 'tf.tensor2d', 'tf.tensor3d', 'tf.tensor4d'] },
  ),
  term(
    'tidy',
    'concept',
    [
      '`tf.tidy` runs a function and frees every tensor it made except the one it returns.',
      'Without it, tensors made in a loop pile up in memory until the process runs out.',
      'Wrap each training or prediction step.',
    ],
    [
      '`tf.tidy` 运行一个函数，并释放其中创建的所有张量（返回的那个除外）。',
      '没有它，循环中创建的张量会在内存中堆积，直到进程耗尽内存。',
      '包住每个训练或预测步骤。',
    ],
    { tfjs: ['tf.tidy'] },
  ),
  term(
    'sequential',
    'concept',
    [
      'A sequential model is a plain stack of layers, each feeding the next; a `model` section builds one.',
      'Covers most models people start with; branching models need the functional API.',
      '`tf.sequential({ layers: [...] })`.',
    ],
    [
      '顺序模型是层的简单堆叠，每一层的输出输入到下一层；`model` 部分构建的就是它。',
      '覆盖大多数人起步时的模型；有分支的模型需要函数式 API。',
      '写法：`tf.sequential({ layers: [...] })`。',
    ],
    { tfjs: ['tf.sequential', 'tf.model'] },
  ),
  term(
    'compile',
    'concept',
    [
      '`model.compile` attaches the optimizer, the loss and the metrics to a model before training.',
      'The `train` section does this for you from `optimizer`, `loss` and `metrics`.',
      "`model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] })`.",
    ],
    [
      '`model.compile` 在训练之前为模型指定优化器、损失和指标。',
      '`train` 部分会根据 `optimizer`、`loss` 和 `metrics` 为你完成这一步。',
      "写法：`model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] })`。",
    ],
    { tfjs: ['model.compile'] },
  ),
  term(
    'fit',
    'concept',
    [
      '`model.fit` trains a compiled model on inputs and labels for a number of epochs.',
      'The `train` section calls it with your `epochs` and `batchSize`, and shows the loss curve live.',
      '`await model.fit(xs, ys, { epochs: 10, batchSize: 32, validationSplit: 0.1 })`.',
    ],
    [
      '`model.fit` 用输入和标签把已编译的模型训练若干轮。',
      '`train` 部分会用你的 `epochs` 和 `batchSize` 调用它，并实时显示损失曲线。',
      '写法：`await model.fit(xs, ys, { epochs: 10, batchSize: 32, validationSplit: 0.1 })`。',
    ],
    { tfjs: ['model.fit', 'model.fitDataset'] },
  ),
  term(
    'oneHot',
    'concept',
    [
      'One-hot encoding writes class k out of n as n numbers that are all 0 except a 1 at position k.',
      'The label format `softmax` with categorical cross-entropy expects; BigModel encodes labels for you.',
      '`tf.oneHot(labels, numClasses)`.',
    ],
    [
      '独热编码把 n 个类别中的第 k 类写成 n 个数，除第 k 位为 1 外都是 0。',
      '`softmax` 配分类交叉熵所需要的标签格式；BigModel 会为你编码标签。',
      '写法：`tf.oneHot(labels, numClasses)`。',
    ],
    { formula: 'oneHot(k) = [0, …, 0, 1 (at k), 0, …, 0]', tfjs: ['tf.oneHot'] },
  ),
  term(
    'logits',
    'concept',
    [
      "Logits are a classifier's raw scores before softmax or sigmoid turns them into probabilities.",
      'Some losses take logits directly, which is more stable numerically.',
      'The outputs of a last `dense` layer with `linear` activation.',
    ],
    [
      'logits 是分类器在 softmax 或 sigmoid 把它们变成概率之前的原始分数。',
      '有些损失直接接收 logits，数值上更稳定。',
      '最后一个 `linear` 激活的 `dense` 层的输出。',
    ],
    { formula: 'p = softmax(z),  z = logits' },
  ),
];

/** Every entry, in reading order. */
export const TERMS: readonly Term[] = [
  ...SECTIONS,
  ...SETTINGS,
  ...LAYERS,
  ...OPTIONS,
  ...ACTIVATIONS,
  ...OPTIMIZERS,
  ...LOSSES,
  ...METRICS,
  ...SOURCES,
  ...INITIALIZERS,
  ...CONCEPTS,
  ...MODEL_TERMS,
];
