"""The course's tensor examples: code we ship (the learner picks one, it fills the editor and
runs as their own code does), each with a title and a one-line explanation in English and
Korean, grouped by the course's topics. Torch-free: plain data.

Every example ends with an expression, so the lab shows a result; tests/test_lab_examples.py
runs each one and checks the course's shapes and (non-random) values.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    en: str
    ko: str


TOPICS: tuple[tuple[str, Words], ...] = (
    ("creation", Words("Creating tensors", "텐서 만들기")),
    ("attributes", Words("Shape, dtype and device", "형태(shape), 자료형(dtype), 장치(device)")),
    ("indexing", Words("Indexing and slicing", "인덱싱과 슬라이싱")),
    ("joining", Words("Joining: cat and stack", "합치기: cat과 stack")),
    ("arithmetic", Words("Matrix products and broadcasting", "행렬 곱과 브로드캐스팅")),
    ("single", Words("Single-element tensors", "요소가 하나인 텐서")),
    ("inplace", Words("In-place operations", "제자리(in-place) 연산")),
    ("dimensions", Words("Changing dimensions", "차원 바꾸기")),
)
TOPIC_IDS = tuple(topic for topic, _ in TOPICS)


@dataclass(frozen=True)
class Example:
    id: str
    topic: str  # one of TOPIC_IDS
    title: Words
    explanation: Words
    code: str


def _example(id_, topic, title_en, title_ko, explain_en, explain_ko, *lines) -> Example:
    return Example(id_, topic, Words(title_en, title_ko), Words(explain_en, explain_ko), "\n".join(lines))


EXAMPLES: tuple[Example, ...] = (
    _example("tensor_from_list", "creation", "From a nested list", "중첩 리스트에서",
             "torch.tensor copies the data and works out the dtype from it.",
             "torch.tensor는 데이터를 복사하고, 데이터에서 자료형(dtype)을 정합니다.",
             "data = [[1, 2], [3, 4]]",
             "x_data = torch.tensor(data)",
             "x_data"),
    _example("from_numpy", "creation", "From NumPy: shared memory", "NumPy에서: 메모리 공유",
             "torch.from_numpy shares the array's memory: changing the array changes the tensor.",
             "torch.from_numpy는 배열의 메모리를 공유합니다: 배열을 바꾸면 텐서도 바뀝니다.",
             "np_array = np.array([[1, 2], [3, 4]])",
             "x_np = torch.from_numpy(np_array)",
             "np.multiply(np_array, 2, out=np_array)",
             "x_np"),
    _example("like", "creation", "ones_like and rand_like", "ones_like와 rand_like",
             "A new tensor with the same shape as another; rand_like needs a float dtype.",
             "다른 텐서와 같은 형태의 새 텐서; rand_like에는 실수 자료형이 필요합니다.",
             "x_data = torch.tensor([[1, 2], [3, 4]])",
             "x_ones = torch.ones_like(x_data)",
             "x_rand = torch.rand_like(x_data, dtype=torch.float)",
             "x_rand"),
    _example("with_shape", "creation", "rand, randn, ones, zeros, empty", "rand, randn, ones, zeros, empty",
             "Made from a shape. empty only reserves memory: its values are whatever was there (garbage).",
             "형태로 만듭니다. empty는 메모리만 잡아 두므로 값은 그 자리에 있던 아무 값(쓰레기 값)입니다.",
             "shape = (2, 3)",
             "rand_tensor = torch.rand(shape)",
             "randn_tensor = torch.randn(shape)",
             "ones_tensor = torch.ones(shape)",
             "zeros_tensor = torch.zeros(shape)",
             "empty_tensor = torch.empty(shape)",
             "ones_tensor"),
    _example("attributes", "attributes", "shape, dtype, device", "shape, dtype, device",
             "Every tensor knows its shape (a torch.Size), its dtype and the device it lives on.",
             "모든 텐서는 형태(torch.Size), 자료형, 그리고 저장된 장치를 압니다.",
             "tensor = torch.rand(3, 4)",
             "print(f\"Shape of tensor: {tensor.shape}\")",
             "print(f\"Datatype of tensor: {tensor.dtype}\")",
             "print(f\"Device tensor is stored on: {tensor.device}\")",
             "tensor.shape"),
    _example("device", "attributes", "Moving to a device", "장치로 옮기기",
             "Use the GPU if there is one, else the CPU; .to(device) moves the tensor.",
             "GPU가 있으면 GPU를, 없으면 CPU를 씁니다; .to(device)가 텐서를 옮깁니다.",
             "device = 'cuda' if torch.cuda.is_available() else 'cpu'",
             "tensor = torch.ones(2, 3).to(device)",
             "tensor.device"),
    _example("index_pick", "indexing", "Rows, columns, the last column", "행, 열, 마지막 열",
             "t[2] is a row, t[:, 2] a column, t[..., -1] the last column, t[1:, [2, 0]] picks columns.",
             "t[2]는 행, t[:, 2]는 열, t[..., -1]은 마지막 열, t[1:, [2, 0]]은 열을 골라냅니다.",
             "t = torch.arange(1, 13).reshape(3, 4)",
             "row = t[2]",
             "column = t[:, 2]",
             "last = t[..., -1]",
             "picked = t[1:, [2, 0]]",
             "picked"),
    _example("assign_one", "indexing", "Assign one cell", "한 칸에 대입",
             "t[1, 1] = 0 changes one cell of t itself.",
             "t[1, 1] = 0은 t 자신의 한 칸을 바꿉니다.",
             "t = torch.ones(3, 4)",
             "t[1, 1] = 0",
             "t"),
    _example("assign_column", "indexing", "Assign a column", "열에 대입",
             "t[:, 1] = 0 sets every row's column 1.",
             "t[:, 1] = 0은 모든 행의 1번 열을 바꿉니다.",
             "t = torch.ones(3, 4)",
             "t[:, 1] = 0",
             "t"),
    _example("assign_row", "indexing", "Assign a row", "행에 대입",
             "t[1, :] = 0 sets every column of row 1.",
             "t[1, :] = 0은 1번 행의 모든 열을 바꿉니다.",
             "t = torch.ones(3, 4)",
             "t[1, :] = 0",
             "t"),
    _example("cat_dim0", "joining", "cat on dim 0", "dim 0으로 cat",
             "cat joins along an existing dimension: dim 0 puts the rows one after the other.",
             "cat은 있는 차원을 따라 잇습니다: dim 0은 행을 차례로 붙입니다.",
             "t1 = torch.tensor([[1, 2], [3, 4]])",
             "t2 = torch.tensor([[5, 6], [7, 8]])",
             "joined = torch.cat([t1, t2], dim=0)",
             "joined"),
    _example("cat_dim1", "joining", "cat on dim 1", "dim 1로 cat",
             "dim 1 puts the columns side by side.",
             "dim 1은 열을 옆으로 나란히 붙입니다.",
             "t1 = torch.tensor([[1, 2], [3, 4]])",
             "t2 = torch.tensor([[5, 6], [7, 8]])",
             "joined = torch.cat([t1, t2], dim=1)",
             "joined"),
    _example("stack_dim0", "joining", "stack on dim 0", "dim 0으로 stack",
             "stack makes a new dimension: on dim 0 each input becomes one slice.",
             "stack은 새 차원을 만듭니다: dim 0이면 입력 하나가 조각 하나가 됩니다.",
             "t1 = torch.tensor([[1, 2], [3, 4]])",
             "t2 = torch.tensor([[5, 6], [7, 8]])",
             "stacked = torch.stack([t1, t2], dim=0)",
             "stacked"),
    _example("stack_dim1", "joining", "stack on dim 1", "dim 1로 stack",
             "On dim 1 the first slice holds the first row of each input.",
             "dim 1이면 첫 조각에 각 입력의 첫 행이 들어갑니다.",
             "t1 = torch.tensor([[1, 2], [3, 4]])",
             "t2 = torch.tensor([[5, 6], [7, 8]])",
             "stacked = torch.stack([t1, t2], dim=1)",
             "stacked"),
    _example("mm", "arithmetic", "mm: (a, b) @ (b, c) -> (a, c)", "mm: (a, b) @ (b, c) -> (a, c)",
             "A matrix product needs the first's columns to match the second's rows.",
             "행렬 곱은 앞 행렬의 열 수와 뒤 행렬의 행 수가 같아야 합니다.",
             "a = torch.tensor([[1., 2., 3.], [4., 5., 6.]])",
             "b = torch.ones(3, 2)",
             "c = torch.mm(a, b)",
             "c"),
    _example("mul_broadcast", "arithmetic", "mul with broadcasting", "브로드캐스팅 곱셈(mul)",
             "(1, 4) * (4, 1) -> (4, 4): a size-1 dimension is stretched to match the other.",
             "(1, 4) * (4, 1) -> (4, 4): 크기가 1인 차원이 상대에 맞게 늘어납니다.",
             "row = torch.tensor([[1, 2, 3, 4]])",
             "column = torch.tensor([[1], [10], [100], [1000]])",
             "product = row * column",
             "product"),
    _example("bmm", "arithmetic", "bmm: a batch of matrix products", "bmm: 행렬 곱 묶음",
             "(n, a, b) bmm (n, b, c) -> (n, a, c): one product per matrix of the batch.",
             "(n, a, b) bmm (n, b, c) -> (n, a, c): 묶음의 행렬마다 곱을 하나씩.",
             "a = torch.ones(10, 3, 4)",
             "b = torch.ones(10, 4, 5)",
             "c = torch.bmm(a, b)",
             "c"),
    _example("at", "arithmetic", "The @ operator", "@ 연산자",
             "a @ b is matmul; a.T is a's transpose.",
             "a @ b는 matmul과 같습니다; a.T는 a의 전치입니다.",
             "a = torch.tensor([[1., 2.], [3., 4.]])",
             "b = a.T",
             "c = a @ b",
             "c"),
    _example("matmul_batch", "arithmetic", "matmul broadcasts a batch", "matmul의 배치 브로드캐스팅",
             "(256, 5, 6) @ (6, 7) -> (256, 5, 7): the (6, 7) matrix is used for every one of the 256.",
             "(256, 5, 6) @ (6, 7) -> (256, 5, 7): (6, 7) 행렬이 256개 모두에 쓰입니다.",
             "batch = torch.rand(256, 5, 6)",
             "weight = torch.rand(6, 7)",
             "out = torch.matmul(batch, weight)",
             "out.shape"),
    _example("sum_item", "single", "sum() and .item()", "sum()과 .item()",
             "sum() gives a tensor with one element; .item() turns it into a Python number.",
             "sum()은 요소가 하나인 텐서를 주고, .item()은 그것을 파이썬 숫자로 바꿉니다.",
             "t = torch.tensor([[1., 2.], [3., 4.]])",
             "agg = t.sum()",
             "agg_item = agg.item()",
             "print(agg_item, type(agg_item))",
             "agg_item"),
    _example("add_vs_add_", "inplace", "add against add_", "add와 add_ 비교",
             "add makes a new tensor and leaves the original; add_ changes the tensor itself.",
             "add는 새 텐서를 만들고 원본은 그대로 둡니다; add_는 텐서 자신을 바꿉니다.",
             "a = torch.ones(2, 2)",
             "b = a.add(5)",
             "c = torch.ones(2, 2)",
             "c.add_(5)",
             "c"),
    _example("reshape", "dimensions", "reshape with -1", "-1을 쓴 reshape",
             "The same 24 values in a new shape; -1 lets torch work out that size.",
             "같은 24개 값을 새 형태로; -1이면 torch가 그 크기를 계산합니다.",
             "t = torch.arange(24)",
             "r = t.reshape(2, 3, 4)",
             "m = r.reshape(3, -1)",
             "m"),
    _example("permute", "dimensions", "permute", "permute",
             "permute reorders the dimensions: (2, 3, 4) with (2, 0, 1) -> (4, 2, 3).",
             "permute는 차원의 순서를 바꿉니다: (2, 3, 4)에 (2, 0, 1)이면 (4, 2, 3).",
             "t = torch.rand(2, 3, 4)",
             "p = t.permute(2, 0, 1)",
             "p.shape"),
    _example("squeeze", "dimensions", "squeeze: all, or one dim", "squeeze: 전부, 또는 한 차원",
             "squeeze() removes every size-1 dimension; squeeze(0) only dimension 0.",
             "squeeze()는 크기 1인 차원을 모두 없애고, squeeze(0)은 0번 차원만 없앱니다.",
             "t = torch.zeros(1, 3, 1, 2)",
             "all_gone = t.squeeze()",
             "one_gone = t.squeeze(0)",
             "one_gone.shape"),
    _example("unsqueeze", "dimensions", "unsqueeze", "unsqueeze",
             "unsqueeze adds a size-1 dimension: (3,) -> (1, 3) or (3, 1).",
             "unsqueeze는 크기 1인 차원을 더합니다: (3,) -> (1, 3) 또는 (3, 1).",
             "t = torch.tensor([1, 2, 3])",
             "row = t.unsqueeze(0)",
             "column = t.unsqueeze(1)",
             "column"),
)


def examples_of(topic: str) -> tuple[Example, ...]:
    """The examples of ``topic``, in course order."""
    return tuple(example for example in EXAMPLES if example.topic == topic)


def example(example_id: str) -> Example:
    """The example ``example_id``; KeyError if there is none."""
    for candidate in EXAMPLES:
        if candidate.id == example_id:
            return candidate
    raise KeyError(example_id)


LINEAR_INPUTS = ("x", "weight", "bias")  # the names LINEAR_LAYER_CODE expects as inputs, in this order

LINEAR_LAYER_COMMENT = Words(
    "# a Linear layer is one tensor operation: (batch, in) @ (in, out) + (out,) -> (batch, out)",
    "# Linear 층(완전 연결 계층)은 텐서 연산 하나입니다: (batch, in) @ (in, out) + (out,) -> (batch, out)",
)


def linear_layer_code(language: str = "en") -> str:
    """A Linear layer as the lab runs it, its comment in ``language`` ("en" or "ko"), with the
    live tensors as inputs: ``x`` (batch, in), ``weight`` (out, in) as torch stores it, ``bias``
    (out,). The result's origin shows the product's shapes (matmul) and the bias broadcast
    over the batch (add, dimension 0)."""
    comment = getattr(LINEAR_LAYER_COMMENT, language, None) or LINEAR_LAYER_COMMENT.en
    return "\n".join((comment, "product = x @ weight.T", "y = product + bias", "y"))


LINEAR_LAYER_CODE = linear_layer_code("en")
