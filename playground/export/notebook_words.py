"""What an exported notebook says, in English and Korean (``WORDS[language][key]``).

The notebook is written by the core (also from the command line, where no Qt translator
is loaded), so its words live in this table rather than in the .ts file; the Korean uses
the course's terms (shared/GLOSSARY.md). Markdown keys hold a cell's text, ``{0}``... the
values it quotes; the ``say_*`` keys are lines the notebook's code prints. Plot titles and
axis labels stay in English in the code: matplotlib's default fonts have no Korean letters.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "untitled": "Untitled design",
        "title": "Exported from NN Playground. This notebook trains the design with PyTorch exactly as the app "
                 "does, step by step, and prints the same losses as the app for the same seeds (on the CPU). "
                 "Run the cells from top to bottom (*Run all*).",
        "colab": "**Take your run to Colab:** upload `{0}` beside this notebook (in Colab, the *Files* panel on "
                 "the left) and the notebook continues from the app's trained weights. Without the file it "
                 "trains from the start.",
        "setup": "## Imports and the design's settings\n\nOnly PyTorch and NumPy are needed (and matplotlib for "
                 "the plots, when it is installed). The constants are the design's: change one and run the "
                 "notebook again to experiment.",
        "data": "## The data\n\n`make_data()` makes the same data set as the app, with the app's own functions: "
                "the training data the model learns from and the test data that checks it.",
        "data_file": "It reads `{0}`: on another computer (or on Colab), put the file beside the notebook and "
                     "set the constant to its name.",
        "data_copied": "It reads `{0}`, the file `{1}` copied beside this notebook: on another computer (or on "
                       "Colab), upload it with the notebook.",
        "plot_plane": "A look at the data: each point coloured by its class (or its value); the training points "
                      "are dots, the test points crosses.",
        "plot_curve": "A look at the data: the training points (outliers among them) are dots, the test points "
                      "crosses.",
        "plot_digits": "A look at the data: the first ten training images (8x8 pixels) and their digits.",
        "model": "## The model\n\nA feed-forward network (`nn.Sequential`): each `nn.Linear` is a fully connected "
                 "layer with weights and a bias, followed by its activation function. `torch.manual_seed(SEED)` "
                 "gives the same initial weights as the app.",
        "loss": "## The loss function and the optimizer\n\nThe loss function (`{0}`) measures the gap between "
                "the prediction and the answer; the optimizer ({1}) moves the weights against its gradient, "
                "scaled by the learning rate `LEARNING_RATE`.",
        "penalty": " `penalty()` adds {0} regularization: large weights cost extra.",
        "epoch": "## One epoch\n\n`batches()` cuts the training data into batches ({0}); `train_epoch()` takes "
                 "one step per batch: the forward pass, the loss, back-propagation (`loss.backward()`) and the "
                 "optimizer's update.",
        "full": "batch gradient descent: the whole training data is one batch, one step per epoch",
        "minibatch": "mini-batch gradient descent: {0} samples per step, in a new order each epoch",
        "stochastic": "stochastic gradient descent: one sample per step, in a new order each epoch",
        "weights": "## Continue from the trained weights\n\nWhen `{0}` is beside the notebook, this cell loads the "
                   "app's run into the model: the weights and biases, the optimizer's state and the random "
                   "generators, so that training goes on exactly where the app stopped. Without it, training "
                   "starts from the seed.",
        "train": "## Training\n\nEach epoch prints its mean training loss: the numbers the app's loss plot shows "
                 "for the same seeds. Set `EPOCHS` higher to train longer.",
        "results": "## Results\n\nThe loss (and accuracy) on the training data and on the test data, measured with "
                   "dropout off.",
        "loss_plot": "## The loss curve\n\nEvery step's training loss, and each epoch's mean.",
        "boundary": "## The decision boundary\n\nThe class the model predicts everywhere on the plane, with the "
                    "data on top.",
        "surface": "## The prediction\n\nThe value the model predicts everywhere on the plane, with the data on "
                   "top.",
        "curve": "## The fitted curve\n\nThe model's prediction for every x, with the training points (outliers "
                 "among them) and the test points.",
        "say_no_plot": "matplotlib is not installed, so there is no plot here (pip install matplotlib).",
        "say_resumed": "Continuing the app's run from step {step} (epoch {epoch}) with the weights in {file}.",
        "say_from_seed": "{file} is not beside the notebook: training starts from the seed.",
        "say_finished": "The run has trained all its {epochs} epochs: the cells below show its results. "
                        "Raise EPOCHS to train on.",
    },
    "ko": {
        "untitled": "제목 없는 설계",
        "title": "NN Playground에서 내보낸 노트북입니다. 이 설계를 앱과 똑같이 PyTorch로 한 스텝씩 학습하며, 같은 "
                 "시드(seed)라면 (CPU에서) 앱과 같은 손실을 출력합니다. 셀을 위에서부터 차례로 실행하세요 "
                 "(*모두 실행*).",
        "colab": "**내 실행을 Colab으로 가져가기:** 이 노트북 옆에 `{0}` 파일을 업로드하세요 (Colab에서는 왼쪽의 "
                 "*파일* 패널). 그러면 노트북이 앱에서 학습된 가중치에서 이어서 학습합니다. 파일이 없으면 "
                 "처음부터 학습합니다.",
        "setup": "## 임포트와 설계 값\n\nPyTorch와 NumPy만 있으면 됩니다 (그래프는 matplotlib이 설치되어 있을 때 "
                 "그립니다). 아래 상수는 설계의 값입니다. 값을 바꾸고 노트북을 다시 실행하며 실험해 보세요.",
        "data": "## 데이터\n\n`make_data()`는 앱의 함수 그대로 앱과 같은 데이터 세트를 만듭니다: 모델이 배우는 "
                "학습 데이터와 모델을 확인하는 테스트 데이터입니다.",
        "data_file": "`{0}` 파일을 읽습니다: 다른 컴퓨터(또는 Colab)에서는 파일을 노트북 옆에 두고 상수를 그 "
                     "파일 이름으로 바꾸세요.",
        "data_copied": "`{0}`, 곧 이 노트북 옆에 복사해 둔 `{1}` 파일을 읽습니다: 다른 컴퓨터(또는 Colab)에서는 "
                       "노트북과 함께 이 파일도 올리세요.",
        "plot_plane": "데이터 살펴보기: 점의 색은 클래스(또는 값)입니다. 학습 데이터는 점, 테스트 데이터는 "
                      "X 표시입니다.",
        "plot_curve": "데이터 살펴보기: 학습 데이터(이상치 포함)는 점, 테스트 데이터는 X 표시입니다.",
        "plot_digits": "데이터 살펴보기: 학습 데이터의 처음 열 개 이미지(8x8 픽셀)와 그 숫자입니다.",
        "model": "## 모델\n\n피드 포워드 신경망(`nn.Sequential`)입니다. 각 `nn.Linear`는 가중치와 편향을 가진 "
                 "완전 연결 계층 (Fully Connected)이고, 그 뒤에 활성 함수가 옵니다. "
                 "`torch.manual_seed(SEED)`로 앱과 같은 초기 가중치를 만듭니다.",
        "loss": "## 손실 함수와 옵티마이저\n\n손실 함수(`{0}`)는 예측과 정답의 차이를 잽니다. 옵티마이저({1})는 "
                "그 기울기의 반대 방향으로 가중치를 옮기며, 보폭은 학습률 `LEARNING_RATE`가 정합니다.",
        "penalty": " `penalty()`는 {0} 규제를 더합니다: 큰 가중치에 비용이 더 붙습니다.",
        "epoch": "## 한 에포크\n\n`batches()`는 학습 데이터를 배치로 나누고 ({0}), `train_epoch()`는 배치마다 "
                 "한 스텝씩 진행합니다: 순전파, 손실, 역전파(`loss.backward()`), 옵티마이저의 갱신.",
        "full": "배치 경사 하강법 (BGD): 학습 데이터 전체가 한 배치, 에포크마다 한 스텝",
        "minibatch": "미니배치 경사 하강법: 스텝마다 샘플 {0}개, 에포크마다 새 순서",
        "stochastic": "확률적 경사 하강법 (SGD): 스텝마다 샘플 1개, 에포크마다 새 순서",
        "weights": "## 학습된 가중치에서 이어서 학습하기\n\n노트북 옆에 `{0}` 파일이 있으면 이 셀이 앱의 실행을 "
                   "모델에 불러옵니다: 가중치와 편향, 옵티마이저의 상태, 난수 생성기까지 불러오므로 앱이 멈춘 "
                   "곳에서 정확히 이어서 학습합니다. 파일이 없으면 시드에서 처음부터 학습합니다.",
        "train": "## 학습\n\n에포크마다 평균 학습 손실을 출력합니다: 같은 시드라면 앱의 손실 그래프와 같은 "
                 "값입니다. 더 오래 학습하려면 `EPOCHS`를 늘리세요.",
        "results": "## 결과\n\n학습 데이터와 테스트 데이터의 손실(과 정확도)입니다. 드롭아웃을 끄고 잽니다.",
        "loss_plot": "## 손실 곡선\n\n스텝마다의 학습 손실과 에포크마다의 평균입니다.",
        "boundary": "## 결정 경계\n\n모델이 평면 곳곳에서 예측하는 클래스와 그 위의 데이터입니다.",
        "surface": "## 예측\n\n모델이 평면 곳곳에서 예측하는 값과 그 위의 데이터입니다.",
        "curve": "## 학습된 곡선\n\n모든 x에 대한 모델의 예측과 학습 데이터(이상치 포함), 테스트 데이터입니다.",
        "say_no_plot": "matplotlib이 설치되어 있지 않아 그래프를 그리지 않습니다 (pip install matplotlib).",
        "say_resumed": "{file}의 가중치로 앱의 실행을 스텝 {step} (에포크 {epoch})에서 이어서 학습합니다.",
        "say_from_seed": "노트북 옆에 {file} 파일이 없습니다: 시드에서 처음부터 학습합니다.",
        "say_finished": "이 실행은 {epochs} 에포크를 모두 학습했습니다: 아래 셀에서 그 결과를 볼 수 있습니다. "
                        "더 학습하려면 EPOCHS를 늘리세요.",
    },
}

LANGUAGES = tuple(WORDS)


def words(language: str) -> dict[str, str]:
    """The table for ``language`` ("ko" for Korean; anything else gives English, as presets do)."""
    return WORDS["ko" if language == "ko" else "en"]
