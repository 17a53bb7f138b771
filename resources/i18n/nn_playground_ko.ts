<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko" sourcelanguage="en">
<context>
    <name>Activations</name>
    <message>
        <source>ReLU: max(0, x). Its slope is 1 for every positive input, so gradients pass back through deep stacks without shrinking: the usual cure for vanishing gradients. Units stuck below 0 stop learning.</source>
        <translation>ReLU: max(0, x). 양수 입력에서는 미분값(기울기)이 항상 1이라서, 깊게 쌓은 계층을 거슬러 가도 기울기가 줄지 않습니다: 기울기 소실의 대표적인 해결책입니다. 다만 입력이 계속 0보다 작은 뉴런은 학습을 멈춥니다.</translation>
    </message>
    <message>
        <source>LeakyReLU: like ReLU, but a small slope (0.01) below 0 keeps every unit learning.</source>
        <translation>LeakyReLU: ReLU와 비슷하지만, 0보다 작은 쪽에도 작은 기울기(0.01)가 있어서 모든 뉴런이 계속 학습합니다.</translation>
    </message>
    <message>
        <source>ELU: like ReLU for positive inputs, a smooth curve towards -1 below 0.</source>
        <translation>ELU: 양수 입력에서는 ReLU와 같고, 0보다 작은 쪽에서는 -1을 향해 부드럽게 휘는 곡선입니다.</translation>
    </message>
    <message>
        <source>GELU: a smooth ReLU, used in transformers.</source>
        <translation>GELU: 트랜스포머에서 쓰는 부드러운 ReLU입니다.</translation>
    </message>
    <message>
        <source>SiLU (swish): x times sigmoid(x), a smooth ReLU.</source>
        <translation>SiLU (swish): x × sigmoid(x), 부드러운 ReLU입니다.</translation>
    </message>
    <message>
        <source>Sigmoid: squashes into 0..1. Its slope is at most 0.25, so in deep stacks the gradient shrinks layer by layer: vanishing gradients.</source>
        <translation>Sigmoid(시그모이드): 값을 0..1 사이로 눌러 담습니다. 미분값이 최대 0.25라서 계층을 깊게 쌓으면 기울기가 계층마다 줄어듭니다: 기울기 소실.</translation>
    </message>
    <message>
        <source>Tanh: squashes into -1..1, centred on 0. Saturates for large inputs, where its slope (and the gradient) nearly vanishes.</source>
        <translation>Tanh: 값을 0을 중심으로 -1..1 사이로 눌러 담습니다. 입력이 크면 포화되어 미분값(그리고 기울기)이 거의 0이 됩니다.</translation>
    </message>
    <message>
        <source>Softplus: log(1 + eˣ), a smooth ReLU that is never exactly 0.</source>
        <translation>Softplus: log(1 + eˣ), 정확히 0이 되는 일이 없는 부드러운 ReLU입니다.</translation>
    </message>
    <message>
        <source>Linear (identity): no non-linearity. Stacked linear layers are no better than one.</source>
        <translation>선형 (항등 함수): 비선형성이 없습니다. 선형 계층을 여러 개 쌓아도 한 계층과 다를 바 없습니다.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>This design cannot train as it stands:</source>
        <translation>이 설계는 지금 상태로는 학습할 수 없습니다:</translation>
    </message>
    <message>
        <source>Finished: the run reached its limit of 1 epoch. Raise the limit in the Training tab or press Reset to train again.</source>
        <translation>완료: 에포크 한도(1)에 도달했습니다. 학습 탭에서 한도를 올리거나, 초기화를 눌러 다시 학습하세요.</translation>
    </message>
    <message>
        <source>Finished: the run reached its limit of {0} epochs. Raise the limit in the Training tab or press Reset to train again.</source>
        <translation>완료: 에포크 한도({0})에 도달했습니다. 학습 탭에서 한도를 올리거나, 초기화를 눌러 다시 학습하세요.</translation>
    </message>
</context>
<context>
    <name>BatchNormPlot</name>
    <message>
        <source>Which BatchNorm layer to show.</source>
        <translation>표시할 BatchNorm 계층입니다.</translation>
    </message>
    <message>
        <source>BatchNorm normalizes every feature (unit) on its own: show one feature, or the average over all of them.</source>
        <translation>BatchNorm은 특성(뉴런)마다 따로 정규화합니다. 특성 하나를 보거나, 전체 특성의 평균을 봅니다.</translation>
    </message>
    <message>
        <source>Batch: the mean and variance of the current batch, which BatchNorm normalizes with while training. Running: their moving averages, which it uses when evaluating.</source>
        <translation>배치: 현재 배치의 평균과 분산으로, 학습 중에 BatchNorm이 정규화에 씁니다. 누적(running): 그 이동 평균으로, 평가할 때 씁니다.</translation>
    </message>
    <message>
        <source>Batch normalization subtracts each batch&apos;s mean and divides by its standard deviation, then scales by gamma and shifts by beta (both learned).
Solid: the statistics of the current batch. Dashed: the running averages the layer uses when it evaluates (no batch then). They should agree once training settles.</source>
        <translation>배치 정규화 (Batch Normalization)는 각 배치의 평균을 빼고 표준편차로 나눈 뒤, 감마(gamma)만큼 크기를 조정하고 베타(beta)만큼 이동합니다(둘 다 학습됨).
실선: 현재 배치의 통계. 점선: 평가할 때(배치가 없을 때) 계층이 쓰는 누적 평균. 학습이 안정되면 둘이 거의 같아져야 합니다.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Internal covariate shift: each layer&apos;s pre-activation, mean ± std</source>
        <translation type="vanished">내부 공변량 변화: 계층별 활성화 전 값, 평균 ± 표준편차</translation>
    </message>
    <message>
        <source>Internal covariate shift: as earlier layers learn, the inputs of later layers keep changing their distribution, and those layers must keep adapting.
Each line is the mean of a layer&apos;s pre-activation (its output before the activation function) over the batch, the band ± one standard deviation. Without batch normalization they drift; after a BatchNorm layer they stay near 0 ± 1.</source>
        <translation>내부 공변량 변화 (Internal Covariate Shift): 앞쪽 계층이 학습하는 동안 뒤쪽 계층의 입력 분포가 계속 바뀌고, 뒤쪽 계층은 계속 여기에 맞춰야 합니다.
각 선은 배치에 대한 계층의 활성화 전 값(활성 함수를 거치기 전 출력)의 평균이고, 띠는 ± 표준편차 1배 범위입니다. 배치 정규화가 없으면 값이 떠돌고, BatchNorm 계층 뒤에서는 0 ± 1 근처에 머뭅니다.</translation>
    </message>
    <message>
        <source>Layer colours: warm for layers near the input, cool for layers near the output.</source>
        <translation type="vanished">계층 색: 입력에 가까운 계층은 따뜻한 색, 출력에 가까운 계층은 차가운 색입니다.</translation>
    </message>
    <message>
        <source>Mean over all features</source>
        <translation>전체 특성 평균</translation>
    </message>
    <message>
        <source>Feature {n}</source>
        <translation>특성 {n}</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>Batch statistics</source>
        <translation>배치 통계</translation>
    </message>
    <message>
        <source>Covariate shift</source>
        <translation>공변량 변화</translation>
    </message>
    <message>
        <source>The mean, variance, γ and β of a BatchNorm layer over the steps.</source>
        <translation>단계에 따른 배치 정규화 층의 평균, 분산, γ와 β.</translation>
    </message>
    <message>
        <source>How the inputs of every layer drift while earlier layers learn.</source>
        <translation>앞쪽 층이 학습하는 동안 각 층의 입력 분포가 어떻게 변하는지 보여 줍니다.</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>분산</translation>
    </message>
    <message>
        <source>γ and β</source>
        <translation>γ와 β</translation>
    </message>
    <message>
        <source>Internal covariate shift (mean ± std)</source>
        <translation>내부 공변량 변화 (평균 ± 표준편차)</translation>
    </message>
    <message>
        <source>Show every layer, or one layer with its ± std band.</source>
        <translation>모든 계층을 보거나, 한 계층을 ± 표준편차 띠와 함께 봅니다.</translation>
    </message>
    <message>
        <source>Colour: the layer&apos;s depth, warm near the input, cool near the output. A Linear layer and the BatchNorm layer after it share a colour: the Linear layer&apos;s output (solid) is what the BatchNorm layer normalizes (dashed).</source>
        <translation>색: 계층의 깊이입니다. 입력에 가까운 계층은 따뜻한 색, 출력에 가까운 계층은 차가운 색입니다. Linear 계층과 그 뒤의 BatchNorm 계층은 같은 색입니다: Linear 계층의 출력(실선)을 BatchNorm 계층이 정규화합니다(점선).</translation>
    </message>
    <message>
        <source>{gamma} · {beta}</source>
        <translation>{gamma} · {beta}</translation>
    </message>
    <message>
        <source>γ scale</source>
        <translation>γ 크기</translation>
    </message>
    <message>
        <source>β shift</source>
        <translation>β 이동</translation>
    </message>
    <message>
        <source>{batch} batch &amp;nbsp; {running} running</source>
        <translation>{batch} 배치 &amp;nbsp; {running} 누적</translation>
    </message>
    <message>
        <source>This network has no BatchNorm layer, so there are no batch statistics to show.
Add one in the layer editor, after a Linear layer and before its activation (Linear → BatchNorm → activation), to see its statistics here.
The internal covariate shift below works for every network.</source>
        <translation>이 신경망에는 BatchNorm 계층이 없어서 보여 줄 배치 통계가 없습니다.
계층 탭에서 Linear 계층 뒤, 활성 함수 앞에 추가하면(Linear → BatchNorm → 활성 함수) 여기에 통계가 나타납니다.
아래의 내부 공변량 변화는 모든 신경망에서 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>모든 계층</translation>
    </message>
    <message>
        <source>{solid} Linear &amp;nbsp; {dashed} BatchNorm &amp;nbsp; depth {swatches}</source>
        <translation>{solid} Linear &amp;nbsp; {dashed} BatchNorm &amp;nbsp; 깊이 {swatches}</translation>
    </message>
</context>
<context>
    <name>Coach</name>
    <message>
        <source>The run diverged</source>
        <translation>학습이 발산했습니다</translation>
    </message>
    <message>
        <source>Exploding gradients</source>
        <translation>기울기 폭주</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>기울기 소실</translation>
    </message>
    <message>
        <source>Dead ReLU units</source>
        <translation>죽은 ReLU 뉴런</translation>
    </message>
    <message>
        <source>Saturated units</source>
        <translation>포화된 뉴런</translation>
    </message>
    <message>
        <source>Learning rate too small</source>
        <translation>학습률이 너무 작습니다</translation>
    </message>
    <message>
        <source>The loss is on a plateau</source>
        <translation>손실이 평평한 구간(plateau)에 머물러 있습니다</translation>
    </message>
    <message>
        <source>Overfitting</source>
        <translation>과적합</translation>
    </message>
    <message>
        <source>The network is too small for the data</source>
        <translation>데이터에 비해 신경망이 너무 작습니다</translation>
    </message>
    <message>
        <source>The loss became {0} at step {1}: the updates grew until the numbers overflowed. With a learning rate of {3} each step overshoots further than the last.</source>
        <translation>스텝 {1}에서 손실이 {0}이(가) 되었습니다. 업데이트가 점점 커져 숫자가 넘쳤습니다(overflow). 학습률 {3}에서는 스텝마다 이전보다 더 멀리 지나칩니다.</translation>
    </message>
    <message>
        <source>A gradient norm reached {0}. Updates this large throw the weights about, and the run is close to diverging at a learning rate of {1}.</source>
        <translation>기울기 크기(norm)가 {0}에 이르렀습니다. 이렇게 큰 업데이트는 가중치를 마구 흔들며, 학습률 {1}에서는 학습이 곧 발산할 수 있습니다.</translation>
    </message>
    <message>
        <source>The gradient of {0} is {1}, against {2} at the output layer: back-propagation shrinks it layer by layer, so the early layers barely learn.</source>
        <translation>{0}의 기울기는 {1}로, 출력층의 {2}보다 훨씬 작습니다. 역전파가 층을 지날 때마다 기울기를 줄여서 앞쪽 층은 거의 학습하지 못합니다.</translation>
    </message>
    <message>
        <source>{1} of the units in {0} never fired on the batches probed: their input is below 0 for every sample, so ReLU passes no gradient back and they stop learning.</source>
        <translation>{0}의 뉴런 중 {1}이(가) 살펴본 배치에서 한 번도 활성화되지 않았습니다. 모든 샘플에서 입력이 0 이하라 ReLU가 기울기를 뒤로 전달하지 않아 학습을 멈췄습니다.</translation>
    </message>
    <message>
        <source>{1} of the units in {0} are saturated: their input is so large that the activation&apos;s slope is almost 0 for nearly every sample, so they barely learn.</source>
        <translation>{0}의 뉴런 중 {1}이(가) 포화되었습니다. 입력이 너무 커서 거의 모든 샘플에서 활성 함수의 기울기가 0에 가까워, 거의 학습하지 못합니다.</translation>
    </message>
    <message>
        <source>The loss has hardly moved, and each step changes the weights by at most {1} of their size (about 0.001 is healthy). The learning rate {0} is too small.</source>
        <translation>손실이 거의 줄지 않고, 스텝마다 가중치가 그 크기의 {1} 이하만큼만 바뀝니다(0.001 정도가 건강합니다). 학습률 {0}은(는) 너무 작습니다.</translation>
    </message>
    <message>
        <source>The loss has stayed at about {1} for the last {0} steps without halving from where it started: training is stuck on a flat stretch.</source>
        <translation>최근 {0} 스텝 동안 손실이 약 {1}에 머물렀고, 처음 값의 절반으로도 줄지 않았습니다. 학습이 평평한 구간에 갇혀 있습니다.</translation>
    </message>
    <message>
        <source>The training loss is {0} but the test loss is {1}, and the gap has grown since step {2}: the network memorizes the training points instead of the pattern.</source>
        <translation>학습 손실은 {0}인데 테스트 손실은 {1}이고, 스텝 {2} 이후 그 차이가 커지고 있습니다. 신경망이 패턴 대신 학습 데이터를 외우고 있습니다.</translation>
    </message>
    <message>
        <source>The widest hidden layer has {0} units and training accuracy stays at {1}: too few units to bend the decision boundary around this data.</source>
        <translation>가장 넓은 은닉층의 뉴런이 {0}개이고 학습 정확도가 {1}에 머뭅니다. 이 데이터에 맞게 결정 경계를 구부리기에는 뉴런이 너무 적습니다.</translation>
    </message>
    <message>
        <source>Without a hidden layer the decision boundary is a straight line, and training accuracy stays at {0}: this data needs a curved boundary.</source>
        <translation>은닉층이 없으면 결정 경계는 직선이라 학습 정확도가 {0}에 머뭅니다. 이 데이터에는 휘어진 경계가 필요합니다.</translation>
    </message>
    <message>
        <source>Try a learning rate ten times smaller.</source>
        <translation>학습률을 10분의 1로 줄여 보세요.</translation>
    </message>
    <message>
        <source>Try ReLU with He initialization, or batch normalization.</source>
        <translation>ReLU와 He 초기화, 또는 배치 정규화 (Batch Normalization)를 써 보세요.</translation>
    </message>
    <message>
        <source>Try LeakyReLU: its small slope below 0 keeps every unit learning.</source>
        <translation>LeakyReLU를 써 보세요. 0 아래에서도 작은 기울기가 있어 모든 뉴런이 계속 학습합니다.</translation>
    </message>
    <message>
        <source>Try batch normalization: it keeps each unit&apos;s input near 0, where the slope is largest.</source>
        <translation>배치 정규화 (Batch Normalization)를 써 보세요. 각 뉴런의 입력을 기울기가 가장 큰 0 근처로 유지합니다.</translation>
    </message>
    <message>
        <source>Try a learning rate ten times larger.</source>
        <translation>학습률을 10배로 키워 보세요.</translation>
    </message>
    <message>
        <source>Try Adam, whose steps do not shrink on flat stretches.</source>
        <translation>Adam을 써 보세요. 평평한 구간에서도 스텝이 작아지지 않습니다.</translation>
    </message>
    <message>
        <source>Try L2 regularization, which keeps the weights small.</source>
        <translation>L2 규제를 써 보세요. 가중치를 작게 유지합니다.</translation>
    </message>
    <message>
        <source>Try more units in each hidden layer.</source>
        <translation>은닉층마다 뉴런 수를 늘려 보세요.</translation>
    </message>
    <message>
        <source>Add a hidden layer with a few units in the design.</source>
        <translation>설계에 뉴런 몇 개짜리 은닉층을 추가하세요.</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>무한대</translation>
    </message>
    <message>
        <source>first layer&apos;s gradient</source>
        <translation>첫 층의 기울기</translation>
    </message>
    <message>
        <source>output layer&apos;s gradient</source>
        <translation>출력층의 기울기</translation>
    </message>
    <message>
        <source>first / output</source>
        <translation>첫 층 / 출력층</translation>
    </message>
    <message>
        <source>largest gradient</source>
        <translation>가장 큰 기울기</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>dead units</source>
        <translation>죽은 뉴런</translation>
    </message>
    <message>
        <source>saturated units</source>
        <translation>포화된 뉴런</translation>
    </message>
    <message>
        <source>loss fall</source>
        <translation>손실 감소</translation>
    </message>
    <message>
        <source>over steps</source>
        <translation>살펴본 스텝 수</translation>
    </message>
    <message>
        <source>largest update / weight</source>
        <translation>가장 큰 업데이트 / 가중치</translation>
    </message>
    <message>
        <source>loss now</source>
        <translation>현재 손실</translation>
    </message>
    <message>
        <source>loss at the start</source>
        <translation>처음 손실</translation>
    </message>
    <message>
        <source>training accuracy</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <source>widest hidden layer</source>
        <translation>가장 넓은 은닉층</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>테스트 손실</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>차이</translation>
    </message>
    <message>
        <source>earlier gap</source>
        <translation>이전 차이</translation>
    </message>
    <message>
        <source>step of the earlier gap</source>
        <translation>이전 차이의 스텝</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>코치</translation>
    </message>
    <message>
        <source>Coach ({0})</source>
        <translation>코치 ({0})</translation>
    </message>
</context>
<context>
    <name>CoachPanel</name>
    <message>
        <source>The coach reads the run as it trains: gradients, units and the loss. What it finds appears here.</source>
        <translation>코치는 학습하는 동안 기울기, 뉴런, 손실을 읽습니다. 찾은 문제가 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>The run looks healthy: the coach has found nothing to fix.</source>
        <translation>학습이 건강해 보입니다. 코치가 고칠 점을 찾지 못했습니다.</translation>
    </message>
</context>
<context>
    <name>CompareChoices</name>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Loss function</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>Activation of every hidden layer</source>
        <translation>모든 은닉층의 활성 함수</translation>
    </message>
    <message>
        <source>Weight initialization</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>Batch mode</source>
        <translation>배치 방식</translation>
    </message>
    <message>
        <source>Mini-batch size</source>
        <translation>미니배치 크기</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>규제</translation>
    </message>
    <message>
        <source>Data noise</source>
        <translation>데이터 노이즈</translation>
    </message>
    <message>
        <source>Outliers in the data</source>
        <translation>데이터의 이상치</translation>
    </message>
    <message>
        <source>{0} (learning rate {1})</source>
        <translation>{0} (학습률 {1})</translation>
    </message>
    <message>
        <source>{0} (too small)</source>
        <translation>{0} (너무 작음)</translation>
    </message>
    <message>
        <source>{0} (as designed)</source>
        <translation>{0} (설계 그대로)</translation>
    </message>
    <message>
        <source>{0} (too large)</source>
        <translation>{0} (너무 큼)</translation>
    </message>
    <message>
        <source>Mini-batch of {0}</source>
        <translation>미니배치 {0}</translation>
    </message>
    <message>
        <source>Without batch normalization</source>
        <translation>배치 정규화 없음</translation>
    </message>
    <message>
        <source>With batch normalization</source>
        <translation>배치 정규화 사용</translation>
    </message>
    <message>
        <source>No dropout</source>
        <translation>드롭아웃 없음</translation>
    </message>
    <message>
        <source>Dropout {0}</source>
        <translation>드롭아웃 {0}</translation>
    </message>
    <message>
        <source>{0} (rate {1})</source>
        <translation>{0} (비율 {1})</translation>
    </message>
    <message>
        <source>Noise {0}</source>
        <translation>노이즈 {0}</translation>
    </message>
    <message>
        <source>Outliers {0}</source>
        <translation>이상치 {0}</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Fork from Here</source>
        <translation>여기서 갈라 학습하기</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>실행 비교</translation>
    </message>
    <message>
        <source>The setting the runs differ in; everything else is the design&apos;s own.</source>
        <translation>실행마다 달라지는 설정입니다. 나머지는 모두 설계 그대로입니다.</translation>
    </message>
    <message>
        <source>The fork goes on from the run&apos;s weights and optimizer state twice: as it is, and with the change you pick. Their curves continue from the same point.</source>
        <translation>현재 실행의 가중치와 옵티마이저 상태에서 두 갈래로 이어서 학습합니다: 그대로 하나, 고른 변경을 적용한 하나. 두 곡선은 같은 지점에서 이어집니다.</translation>
    </message>
    <message>
        <source>Each checked value becomes a run ({0} to {1}). All runs share the data, its order and, where the shapes allow, the initial weights.</source>
        <translation>체크한 값마다 실행이 하나씩 만들어집니다({0}~{1}개). 모든 실행은 같은 데이터와 순서, 그리고 모양이 허락하는 한 같은 초기 가중치를 씁니다.</translation>
    </message>
    <message>
        <source>Fork</source>
        <translation>갈라 학습</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>What varies:</source>
        <translation>바꿀 설정:</translation>
    </message>
    <message>
        <source>Pick the change the fork makes.</source>
        <translation>갈라진 실행에 적용할 변경을 고르세요.</translation>
    </message>
</context>
<context>
    <name>Comparison</name>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>no {0}</source>
        <translation>{0} 없음</translation>
    </message>
    <message>
        <source>{0} init</source>
        <translation>{0} 초기화</translation>
    </message>
    <message>
        <source>{1} in {0}</source>
        <translation>{0}의 {1}</translation>
    </message>
    <message>
        <source>{1} units in {0}</source>
        <translation>{0}의 뉴런 {1}개</translation>
    </message>
    <message>
        <source>dropout {1} in {0}</source>
        <translation>{0}의 드롭아웃 {1}</translation>
    </message>
    <message>
        <source>momentum {1} in {0}</source>
        <translation>{0}의 모멘텀 {1}</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>no batch norm</source>
        <translation>배치 정규화 없음</translation>
    </message>
    <message>
        <source>dropout {0}</source>
        <translation>드롭아웃 {0}</translation>
    </message>
    <message>
        <source>no dropout</source>
        <translation>드롭아웃 없음</translation>
    </message>
    <message>
        <source>batch size {0}</source>
        <translation>배치 크기 {0}</translation>
    </message>
    <message>
        <source>{0} regularization</source>
        <translation>{0} 규제</translation>
    </message>
    <message>
        <source>no regularization</source>
        <translation>규제 없음</translation>
    </message>
    <message>
        <source>regularization rate {0}</source>
        <translation>규제 강도 {0}</translation>
    </message>
    <message>
        <source>noise {0}</source>
        <translation>노이즈 {0}</translation>
    </message>
    <message>
        <source>outliers {0}</source>
        <translation>이상치 {0}</translation>
    </message>
    <message>
        <source>as designed</source>
        <translation>기준 설계 그대로</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Export Losses…</source>
        <translation>손실 내보내기…</translation>
    </message>
    <message>
        <source>Every run&apos;s losses and accuracy, step by step, as one CSV file.</source>
        <translation>모든 실행의 손실과 정확도를 스텝별로 하나의 CSV 파일에 저장합니다.</translation>
    </message>
    <message>
        <source>Close Comparison</source>
        <translation>비교 닫기</translation>
    </message>
    <message>
        <source>End the comparison and return to the design in the editor.</source>
        <translation>비교를 끝내고 편집기의 설계로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Comparing {0} runs</source>
        <translation>실행 {0}개 비교 중</translation>
    </message>
    <message>
        <source>Comparison: no current runs</source>
        <translation>비교: 현재 실행 없음</translation>
    </message>
    <message>
        <source>Comparison loss</source>
        <translation>비교 손실</translation>
    </message>
    <message>
        <source>Comparison accuracy</source>
        <translation>비교 정확도</translation>
    </message>
    <message>
        <source>Comparison outputs</source>
        <translation>비교 출력</translation>
    </message>
    <message>
        <source>Comparison table</source>
        <translation>비교 표</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>비교</translation>
    </message>
</context>
<context>
    <name>Comparisons</name>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>Train two to six versions of this design side by side, from the same data and initial weights: pick what varies (optimizer, learning rate, loss...) (Ctrl+K).</source>
        <translation>이 설계의 여러 버전(2~6개)을 같은 데이터와 초기 가중치로 나란히 학습합니다: 바꿀 설정(옵티마이저, 학습률, 손실 등)을 고르세요 (Ctrl+K).</translation>
    </message>
    <message>
        <source>Fork from Here…</source>
        <translation>여기서 갈라 학습하기…</translation>
    </message>
    <message>
        <source>Go on from the run&apos;s current weights twice, as it is and with one change, and watch the two curves part (Ctrl+Shift+K).</source>
        <translation>현재 가중치에서 두 갈래로 이어서 학습합니다: 그대로 하나, 한 가지를 바꾼 하나. 두 곡선이 갈라지는 것을 보세요 (Ctrl+Shift+K).</translation>
    </message>
    <message>
        <source>Close Comparison</source>
        <translation>비교 닫기</translation>
    </message>
    <message>
        <source>End the comparison and return to the design in the editor.</source>
        <translation>비교를 끝내고 편집기의 설계로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Use run “{0}”</source>
        <translation>실행 “{0}” 사용</translation>
    </message>
    <message>
        <source>Learning Rate of One Run</source>
        <translation>실행 하나의 학습률</translation>
    </message>
    <message>
        <source>Learning rate of “{0}”:</source>
        <translation>“{0}”의 학습률:</translation>
    </message>
    <message>
        <source>These runs cannot train as they stand: the message above says why. Change the design (the comparison starts again on it) or close the comparison to return to the single design.</source>
        <translation>이 실행들은 지금 상태로는 학습할 수 없습니다. 이유는 위의 메시지에 있습니다. 설계를 고치거나(고친 설계로 비교가 다시 시작됩니다) 비교를 닫고 하나의 설계로 돌아가세요.</translation>
    </message>
    <message>
        <source>Export Comparison Losses</source>
        <translation>비교 손실 내보내기</translation>
    </message>
    <message>
        <source>The losses could not be written</source>
        <translation>손실을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0}(으)로 내보냈습니다</translation>
    </message>
</context>
<context>
    <name>Course</name>
    <message>
        <source>The neuron and the perceptron</source>
        <translation>뉴런과 퍼셉트론</translation>
    </message>
    <message>
        <source>Feed-forward networks and XOR</source>
        <translation>피드 포워드 신경망과 XOR</translation>
    </message>
    <message>
        <source>Loss functions</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>Gradient descent and the learning rate</source>
        <translation>경사하강법과 학습률</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Back-propagation</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>Activation functions and vanishing gradients</source>
        <translation>활성 함수와 기울기 소실</translation>
    </message>
    <message>
        <source>Batches, mini-batches and epochs</source>
        <translation>배치, 미니배치와 에포크</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>배치 정규화</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>Loss switched to {0} for {1} data.</source>
        <translation>{1} 데이터에 맞게 손실 함수를 {0}(으)로 바꿨습니다.</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Choose the problem the network learns. Point at a picture to see its name.</source>
        <translation>신경망이 학습할 문제를 고르세요. 그림에 마우스를 올리면 이름이 보입니다.</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>The column the network learns to predict. Every other column is an input, standardized with the training points&apos; mean and spread.</source>
        <translation>신경망이 예측하도록 학습할 열입니다. 나머지 열은 모두 입력이며, 학습 점의 평균과 퍼짐(표준편차)으로 표준화됩니다.</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>예측할 열</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>분류</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>회귀</translation>
    </message>
    <message>
        <source>Classification predicts a label (one of a few values, such as a species); regression predicts a number (such as a price).</source>
        <translation>분류는 레이블(예: 생물의 종처럼 몇 가지 값 중 하나)을 예측하고, 회귀는 숫자(예: 가격)를 예측합니다.</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>문제 유형</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <source>Draw new random points from the same pattern (a new data seed). Training starts again.</source>
        <translation>같은 패턴에서 새 무작위 점을 뽑습니다(새 데이터 시드). 학습은 처음부터 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>CSV 가져오기…</translation>
    </message>
    <message>
        <source>Train on your own table: a CSV file (UTF-8, with a header row naming the columns). Then choose the column to predict.</source>
        <translation>직접 준비한 표로 학습합니다: CSV 파일(UTF-8, 첫 행에 열 이름). 그다음 예측할 열을 고르세요.</translation>
    </message>
    <message>
        <source>(none chosen: press Import CSV…)</source>
        <translation>(선택 안 됨: CSV 가져오기…를 누르세요)</translation>
    </message>
    <message>
        <source>Choose data set {0}</source>
        <translation>데이터셋 {0} 선택</translation>
    </message>
    <message>
        <source>Regenerate data</source>
        <translation>데이터 다시 생성</translation>
    </message>
    <message>
        <source>Import a CSV file</source>
        <translation>CSV 파일 가져오기</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV 파일 (*.csv *.txt *.tsv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Import CSV file</source>
        <translation>CSV 파일 가져오기</translation>
    </message>
    <message>
        <source>Choose column to predict</source>
        <translation>예측할 열 선택</translation>
    </message>
    <message>
        <source>Change task</source>
        <translation>문제 유형 변경</translation>
    </message>
</context>
<context>
    <name>DataSettings</name>
    <message>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>How many points are made, training and test together. More points show the pattern more clearly; each epoch then takes more steps.</source>
        <translation>만들 점의 개수입니다(학습과 테스트 합계). 점이 많을수록 패턴이 또렷해지지만, 에포크마다 스텝도 늘어납니다.</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>점 개수</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>노이즈</translation>
    </message>
    <message>
        <source>How far points stray from the clean pattern (0 = none, 1 = as much noise as signal). With noise some points sit on the wrong side; a network that fits them too has learned the noise: overfitting.</source>
        <translation>점이 깨끗한 패턴에서 얼마나 벗어나는지입니다(0 = 없음, 1 = 신호만큼 큰 노이즈). 노이즈가 있으면 일부 점이 반대편에 놓입니다. 그런 점까지 맞추는 신경망은 노이즈를 학습한 것입니다: 과적합.</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <source>The share of points the network learns from. The rest is the test set, never trained on: it shows whether the network generalizes. Test loss rising while training loss falls means overfitting.</source>
        <translation>신경망이 학습에 쓰는 점의 비율입니다. 나머지는 한 번도 학습에 쓰지 않는 테스트 데이터로, 신경망이 일반화하는지 보여 줍니다. 학습 손실은 줄어드는데 테스트 손실이 오르면 과적합입니다.</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>이상치</translation>
    </message>
    <message>
        <source>The share of training points moved far above the curve. MSE (L2) squares their error and bends towards them; MAE (L1) and Huber are robust to outliers.</source>
        <translation>곡선보다 훨씬 위로 옮겨 놓은 학습 점의 비율입니다. MSE (L2)는 그 오차를 제곱하므로 이상치 쪽으로 휘고(이상치에 민감), MAE (L1)와 Huber는 이상치에 강합니다.</translation>
    </message>
    <message>
        <source>How many classes (colours) the set has. The output layer gets one unit per class; cross-entropy compares their softmax with the true class.</source>
        <translation>데이터의 클래스(색) 개수입니다. 출력층은 클래스마다 뉴런을 하나씩 가지며, 교차 엔트로피는 그 softmax를 정답 클래스와 비교합니다.</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Training points are used to update the weights; test points only to measure how well the network does on data it has not seen.</source>
        <translation>학습 점은 가중치를 갱신하는 데 쓰이고, 테스트 점은 처음 보는 데이터에서 신경망이 얼마나 잘하는지 재는 데만 쓰입니다.</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>입력 특성</translation>
    </message>
    <message>
        <source>What the network sees of each point, computed from its coordinates x₁ and x₂. A well-chosen feature can make a hard problem easy for a small network. At least one must stay checked.</source>
        <translation>신경망이 각 점에서 보는 값으로, 좌표 x₁과 x₂로 계산합니다. 특성을 잘 고르면 어려운 문제도 작은 신경망으로 쉽게 풀립니다. 적어도 하나는 선택되어 있어야 합니다.</translation>
    </message>
    <message>
        <source>x₁: the point&apos;s horizontal coordinate.</source>
        <translation>x₁: 점의 가로 좌표입니다.</translation>
    </message>
    <message>
        <source>x₂: the point&apos;s vertical coordinate.</source>
        <translation>x₂: 점의 세로 좌표입니다.</translation>
    </message>
    <message>
        <source>x₁²: with x₂² a circle becomes separable by a straight line.</source>
        <translation>x₁²: x₂²와 함께 쓰면 원을 직선으로 나눌 수 있게 됩니다.</translation>
    </message>
    <message>
        <source>x₂²: with x₁² a circle becomes separable by a straight line.</source>
        <translation>x₂²: x₁²와 함께 쓰면 원을 직선으로 나눌 수 있게 됩니다.</translation>
    </message>
    <message>
        <source>x₁·x₂: positive in two opposite corners, negative in the others; makes XOR easy.</source>
        <translation>x₁·x₂: 마주 보는 두 모서리에서 양수, 나머지에서 음수입니다. XOR이 쉬워집니다.</translation>
    </message>
    <message>
        <source>sin x₁: a wave along x₁; helps with spirals.</source>
        <translation>sin x₁: x₁ 방향의 물결입니다. 나선에 도움이 됩니다.</translation>
    </message>
    <message>
        <source>sin x₂: a wave along x₂; helps with spirals.</source>
        <translation>sin x₂: x₂ 방향의 물결입니다. 나선에 도움이 됩니다.</translation>
    </message>
    <message>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
    <message>
        <source>Point counts appear once the file can be read.</source>
        <translation>파일을 읽을 수 있으면 점 개수가 표시됩니다.</translation>
    </message>
    <message>
        <source>{0} training / {1} test points</source>
        <translation>학습 점 {0}개 / 테스트 점 {1}개</translation>
    </message>
    <message>
        <source>Change number of points</source>
        <translation>점 개수 변경</translation>
    </message>
    <message>
        <source>Change noise</source>
        <translation>노이즈 변경</translation>
    </message>
    <message>
        <source>Change training data share</source>
        <translation>학습 데이터 비율 변경</translation>
    </message>
    <message>
        <source>Change outliers</source>
        <translation>이상치 변경</translation>
    </message>
    <message>
        <source>Change number of classes</source>
        <translation>클래스 개수 변경</translation>
    </message>
    <message>
        <source>Input features: at least one must stay checked, or the network has no input.</source>
        <translation>입력 특성: 적어도 하나는 선택되어 있어야 합니다. 그렇지 않으면 신경망에 입력이 없습니다.</translation>
    </message>
    <message>
        <source>Change input features</source>
        <translation>입력 특성 변경</translation>
    </message>
</context>
<context>
    <name>Datasets</name>
    <message>
        <source>One class inside a ring of the other: the boundary must be curved.</source>
        <translation>한 클래스가 다른 클래스의 고리 안에 있습니다. 경계가 곡선이어야 합니다.</translation>
    </message>
    <message>
        <source>Opposite corners share a class: no single straight line separates them.</source>
        <translation>마주 보는 모서리끼리 같은 클래스입니다. 직선 하나로는 나눌 수 없습니다.</translation>
    </message>
    <message>
        <source>Two overlapping clouds: a straight line does well.</source>
        <translation>겹쳐 있는 두 점 구름입니다. 직선으로도 잘 나뉩니다.</translation>
    </message>
    <message>
        <source>Two interleaved spirals: the hardest; it needs several layers or sin features.</source>
        <translation>서로 얽힌 두 나선입니다. 가장 어려우며, 계층 여러 개나 sin 특성이 필요합니다.</translation>
    </message>
    <message>
        <source>Two interlocking half-moons.</source>
        <translation>서로 맞물린 두 반달입니다.</translation>
    </message>
    <message>
        <source>Two classes either side of a straight line: one neuron is enough.</source>
        <translation>직선 양쪽에 나뉜 두 클래스입니다. 뉴런 하나면 충분합니다.</translation>
    </message>
    <message>
        <source>Several interleaved spiral arms, one class each.</source>
        <translation>서로 얽힌 나선 팔 여러 개로, 팔마다 클래스가 하나입니다.</translation>
    </message>
    <message>
        <source>Several round clouds, one class each.</source>
        <translation>둥근 점 구름 여러 개로, 구름마다 클래스가 하나입니다.</translation>
    </message>
    <message>
        <source>Regression: the target rises evenly across the plane.</source>
        <translation>회귀: 목표값이 평면을 가로질러 고르게 올라갑니다.</translation>
    </message>
    <message>
        <source>Regression: hills and valleys to fit.</source>
        <translation>회귀: 맞춰야 할 언덕과 골짜기가 있습니다.</translation>
    </message>
    <message>
        <source>1-D regression: points along a straight line, some outliers far above it.</source>
        <translation>1차원 회귀: 직선을 따라 놓인 점들과, 그 위로 멀리 떨어진 이상치 몇 개입니다.</translation>
    </message>
    <message>
        <source>1-D regression: points along a sine wave, some outliers far above it.</source>
        <translation>1차원 회귀: 사인 곡선을 따라 놓인 점들과, 그 위로 멀리 떨어진 이상치 몇 개입니다.</translation>
    </message>
    <message>
        <source>1,797 handwritten digits of 8×8 pixels: 64 inputs, 10 classes.</source>
        <translation>8×8 픽셀 손글씨 숫자 1,797개: 입력 64개, 클래스 10개.</translation>
    </message>
    <message>
        <source>Your own table from a CSV file: choose the column to predict.</source>
        <translation>CSV 파일로 가져온 직접 만든 표입니다. 예측할 열을 고르세요.</translation>
    </message>
</context>
<context>
    <name>DockLayout</name>
    <message>
        <source>Design</source>
        <translation>설계</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>기울기 흐름</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>Coach</source>
        <translation>코치</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>레이아웃 초기화</translation>
    </message>
    <message>
        <source>Put every panel back where it started.</source>
        <translation>모든 패널을 처음 위치로 되돌립니다.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>{0} does not fit {1} data; use {2}</source>
        <translation>{0}은(는) {1} 데이터에 맞지 않습니다. {2} 중에서 고르세요</translation>
    </message>
    <message>
        <source>choose at least one input feature</source>
        <translation>입력 특성을 하나 이상 고르세요</translation>
    </message>
    <message>
        <source>choose a CSV file</source>
        <translation>CSV 파일을 고르세요</translation>
    </message>
    <message>
        <source>choose the column to predict</source>
        <translation>예측할 열을 고르세요</translation>
    </message>
    <message>
        <source>batch normalization needs at least 2 samples per batch; use mini-batch or full batch, or remove the BatchNorm layers</source>
        <translation>배치 정규화 (Batch Normalization)에는 배치마다 샘플이 2개 이상 필요합니다. 미니배치나 전체 배치를 쓰거나 BatchNorm 계층을 지우세요</translation>
    </message>
    <message>
        <source>batch normalization needs a batch size of at least 2</source>
        <translation>배치 정규화 (Batch Normalization)에는 배치 크기가 2 이상이어야 합니다</translation>
    </message>
    <message>
        <source>Nesterov momentum needs a momentum above 0</source>
        <translation>Nesterov 모멘텀을 쓰려면 모멘텀이 0보다 커야 합니다</translation>
    </message>
    <message>
        <source>There is no run to look inside yet.</source>
        <translation>아직 안을 들여다볼 실행이 없습니다.</translation>
    </message>
    <message>
        <source>A comparison cannot be looked inside; promote a run to the editor to step inside it.</source>
        <translation>비교는 안을 들여다볼 수 없습니다. 실행 하나를 편집기로 가져와 그 스텝 안을 살펴보세요.</translation>
    </message>
    <message>
        <source>This run has finished; raise the epoch limit or reset it to look inside a step.</source>
        <translation>이 실행은 완료되었습니다. 스텝 안을 보려면 에포크 한도를 올리거나 초기화하세요.</translation>
    </message>
    <message>
        <source>This run diverged; reset it to look inside a step.</source>
        <translation>이 실행은 발산했습니다. 스텝 안을 보려면 초기화하세요.</translation>
    </message>
    <message>
        <source>This run has ended; reset it to look inside a step.</source>
        <translation>이 실행은 끝났습니다. 스텝 안을 보려면 초기화하세요.</translation>
    </message>
    <message>
        <source>There is no step inside to check yet: take one first.</source>
        <translation>아직 확인할 스텝이 없습니다. 먼저 스텝 안으로 한 스텝을 진행하세요.</translation>
    </message>
    <message>
        <source>The run has trained on since the step inside: take a new one to check a gradient.</source>
        <translation>그 스텝 이후로 학습이 더 진행되었습니다. 기울기를 확인하려면 새 스텝을 진행하세요.</translation>
    </message>
    <message>
        <source>{0} has no {1}.</source>
        <translation>{0}에는 {1}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>{0} has no neuron {1}.</source>
        <translation>{0}에는 뉴런 {1}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>The point needs {0} finite input values; it has {1}.</source>
        <translation>점에는 유한한 입력값이 {0}개 필요하지만 {1}개가 있습니다.</translation>
    </message>
    <message>
        <source>The network has no layer {0}.</source>
        <translation>신경망에 {0}번째 계층이 없습니다.</translation>
    </message>
    <message>
        <source>{0} is not a Linear layer: only Linear layers and the output layer open in the Tensor Lab.</source>
        <translation>{0}은(는) Linear 계층이 아닙니다: 텐서 실습실에서는 Linear 계층과 출력 계층만 열 수 있습니다.</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is too large: {1} MB, more than the limit of {2} MB</source>
        <translation>&apos;{0}&apos; 파일이 너무 큽니다: {1} MB로 한도 {2} MB를 넘습니다</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is a folder, not a file; choose a file</source>
        <translation>&apos;{0}&apos;은(는) 파일이 아니라 폴더입니다. 파일을 고르세요</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not an ordinary file (it is a device, pipe or socket); choose a file</source>
        <translation>&apos;{0}&apos;은(는) 일반 파일이 아닙니다(장치, 파이프 또는 소켓). 파일을 고르세요</translation>
    </message>
    <message>
        <source>no such file: &apos;{0}&apos; does not exist (was it moved, renamed or deleted?)</source>
        <translation>파일이 없습니다: &apos;{0}&apos;이(가) 존재하지 않습니다(옮기거나 이름을 바꾸거나 지웠나요?)</translation>
    </message>
    <message>
        <source>no permission to read &apos;{0}&apos;: choose another file or ask for access</source>
        <translation>&apos;{0}&apos;을(를) 읽을 권한이 없습니다. 다른 파일을 고르거나 접근 권한을 요청하세요</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; cannot be read: {1}</source>
        <translation>&apos;{0}&apos;을(를) 읽을 수 없습니다: {1}</translation>
    </message>
    <message>
        <source>there is no column &apos;{0}&apos;; the columns are: {1}</source>
        <translation>&apos;{0}&apos; 열이 없습니다. 있는 열: {1}</translation>
    </message>
    <message>
        <source>the file has only {0} data rows; at least {1} are needed</source>
        <translation>데이터 행이 {0}개뿐입니다. {1}개 이상 필요합니다</translation>
    </message>
    <message>
        <source>the file has only 1 data row; at least {0} are needed</source>
        <translation>데이터 행이 1개뿐입니다. {0}개 이상 필요합니다</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>파일이 비어 있습니다</translation>
    </message>
    <message>
        <source>the first line holds numbers, not column names; add a header row naming the columns</source>
        <translation>첫 줄에 열 이름이 아니라 숫자가 있습니다. 열 이름을 적은 머리글 행을 추가하세요</translation>
    </message>
    <message>
        <source>all columns ended up in one column (&apos;{0}&apos;): {1}; separate the columns with commas, semicolons, tabs or |</source>
        <translation>모든 열이 한 열(&apos;{0}&apos;)로 읽혔습니다: {1}. 열을 쉼표, 세미콜론, 탭 또는 |로 구분하세요</translation>
    </message>
    <message>
        <source>row {0}: the file cannot be read as CSV ({1})</source>
        <translation>{0}행: 파일을 CSV로 읽을 수 없습니다 ({1})</translation>
    </message>
    <message>
        <source>the file has a header but no data rows</source>
        <translation>머리글 행은 있지만 데이터 행이 없습니다</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (byte {0} at position {1}); save it again as &apos;CSV UTF-8&apos;</source>
        <translation>파일이 UTF-8 텍스트가 아닙니다(위치 {1}의 바이트 {0}). &apos;CSV UTF-8&apos; 형식으로 다시 저장하세요</translation>
    </message>
    <message>
        <source>the file holds binary data, not text; choose a CSV file</source>
        <translation>파일에 텍스트가 아니라 바이너리 데이터가 있습니다. CSV 파일을 고르세요</translation>
    </message>
    <message>
        <source>the header names column &apos;{0}&apos; twice; rename one of them</source>
        <translation>머리글에 &apos;{0}&apos; 열이 두 번 있습니다. 하나의 이름을 바꾸세요</translation>
    </message>
    <message>
        <source>the file has more than {0} data rows, the limit; use a sample of it</source>
        <translation>데이터 행이 한도인 {0}개보다 많습니다. 일부만 뽑아 쓰세요</translation>
    </message>
    <message>
        <source>rows {0} to {1} were read as one: the quote (&quot;) opened on row {0} is never closed</source>
        <translation>{0}행부터 {1}행까지 한 행으로 읽혔습니다: {0}행에서 연 따옴표(&quot;)가 닫히지 않았습니다</translation>
    </message>
    <message>
        <source>row {0} has {1} but the header names {2} columns; check the separators and quotes on that row</source>
        <translation>{0}행에는 {1} 있지만 머리글의 열은 {2}개입니다. 그 행의 구분 기호와 따옴표를 확인하세요</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos;, row {1}: the value is missing; fill it in or remove the row</source>
        <translation>&apos;{0}&apos; 열, {1}행: 값이 비어 있습니다. 채우거나 그 행을 지우세요</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos;, row {1}: &apos;{2}&apos; is not a number; {3}</source>
        <translation>&apos;{0}&apos; 열, {1}행: &apos;{2}&apos;은(는) 숫자가 아닙니다. {3}</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos;, row {1}: &apos;{2}&apos; is not a finite number; replace it</source>
        <translation>&apos;{0}&apos; 열, {1}행: &apos;{2}&apos;은(는) 유한한 수가 아닙니다. 다른 값으로 바꾸세요</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos;, row {1}: the label is missing; fill it in or remove it</source>
        <translation>&apos;{0}&apos; 열, {1}행: 레이블이 비어 있습니다. 채우거나 그 행을 지우세요</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos; has only one label (&apos;{1}&apos;); classification needs at least two</source>
        <translation>&apos;{0}&apos; 열의 레이블이 하나(&apos;{1}&apos;)뿐입니다. 분류에는 두 개 이상 필요합니다</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos; has {1} different values, too many classes (limit {2}); choose regression to predict a number</source>
        <translation>&apos;{0}&apos; 열에 서로 다른 값이 {1}개 있어 클래스가 너무 많습니다(한도 {2}). 수를 예측하려면 회귀를 고르세요</translation>
    </message>
    <message>
        <source>... and {0} more columns with problems</source>
        <translation>... 그 밖에 문제가 있는 열이 {0}개 더 있습니다</translation>
    </message>
    <message>
        <source>... and 1 more column with problems</source>
        <translation>... 그 밖에 문제가 있는 열이 1개 더 있습니다</translation>
    </message>
    <message>
        <source>column &apos;{0}&apos;: some values lie too far outside the spread of the training rows to be scaled; remove the column or the extreme rows</source>
        <translation>&apos;{0}&apos; 열: 일부 값이 학습 데이터 행의 분포에서 너무 멀리 떨어져 있어 표준화할 수 없습니다. 그 열이나 극단적인 행을 지우세요</translation>
    </message>
    <message>
        <source>not an NN Playground file: it is not UTF-8 text (unexpected byte at position {0})</source>
        <translation>NN Playground 파일이 아닙니다: UTF-8 텍스트가 아닙니다(위치 {0}에 예상치 못한 바이트)</translation>
    </message>
    <message>
        <source>the file is damaged: its brackets are nested far too deeply</source>
        <translation>파일이 손상되었습니다: 괄호가 너무 깊이 중첩되어 있습니다</translation>
    </message>
    <message>
        <source>the file is damaged: invalid JSON at line {0}, column {1} ({2})</source>
        <translation>파일이 손상되었습니다: {0}번째 줄 {1}번째 칸의 JSON이 올바르지 않습니다 ({2})</translation>
    </message>
    <message>
        <source>not an NN Playground file: it holds {0} where a JSON object belongs</source>
        <translation>NN Playground 파일이 아닙니다: JSON 객체가 있어야 할 자리에 {0}이(가) 있습니다</translation>
    </message>
    <message>
        <source>the file is damaged: {0} is not a valid number in a JSON file</source>
        <translation>파일이 손상되었습니다: {0}은(는) JSON 파일에 쓸 수 있는 수가 아닙니다</translation>
    </message>
    <message>
        <source>a whole number of {0} digits is far beyond any value the file allows</source>
        <translation>{0}자리 정수는 이 파일에 허용되는 어떤 값보다도 훨씬 큽니다</translation>
    </message>
    <message>
        <source>holds {0} at character {1}, which is not a valid character (half of a surrogate pair); the file is damaged</source>
        <translation>{1}번째 글자 {0}은(는) 올바른 문자가 아닙니다(서로게이트 쌍의 절반). 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>missing: this is not an NN Playground design file (expected &quot;format&quot;: &quot;{0}&quot;)</source>
        <translation>없음: NN Playground 설계 파일이 아닙니다(&quot;format&quot;: &quot;{0}&quot;이 있어야 합니다)</translation>
    </message>
    <message>
        <source>{0} is not an NN Playground design file (expected &quot;format&quot;: &quot;{1}&quot;)</source>
        <translation>{0}은(는) NN Playground 설계 파일이 아닙니다(&quot;format&quot;: &quot;{1}&quot;이어야 합니다)</translation>
    </message>
    <message>
        <source>missing: a design file states its format version (this app writes {0})</source>
        <translation>없음: 설계 파일에는 형식 버전이 적혀 있어야 합니다(이 앱은 {0}을 씁니다)</translation>
    </message>
    <message>
        <source>must be a whole number such as {0} (got {1})</source>
        <translation>{0}처럼 정수여야 합니다 (받은 값: {1})</translation>
    </message>
    <message>
        <source>must be 1 or more (got {0}); the file is damaged</source>
        <translation>1 이상이어야 합니다 (받은 값: {0}). 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>this file was saved by a newer NN Playground (format version {0}); this version reads up to {1}: update the app</source>
        <translation>더 새로운 NN Playground로 저장한 파일입니다(형식 버전 {0}). 이 버전은 {1}까지만 읽습니다: 앱을 업데이트하세요</translation>
    </message>
    <message>
        <source>cannot upgrade format version {0} (no migration)</source>
        <translation>형식 버전 {0}을(를) 변환할 수 없습니다(변환 규칙 없음)</translation>
    </message>
    <message>
        <source>cannot upgrade this version-{0} file: {1}; is it damaged?</source>
        <translation>버전 {0} 파일을 변환할 수 없습니다: {1}. 파일이 손상되었나요?</translation>
    </message>
    <message>
        <source>this file holds a comparison of {0} runs, not a single design: open it as a comparison</source>
        <translation>이 파일은 설계 하나가 아니라 실행 {0}개를 비교하는 파일입니다: 비교로 여세요</translation>
    </message>
    <message>
        <source>missing: this file holds a single design, not a comparison of runs</source>
        <translation>없음: 이 파일은 여러 실행의 비교가 아니라 설계 하나입니다</translation>
    </message>
    <message>
        <source>must be a list of runs, each with its &quot;changes&quot; to the base design</source>
        <translation>실행의 목록이어야 하며, 실행마다 기준 설계에서 바꿀 &quot;changes&quot;가 있어야 합니다</translation>
    </message>
    <message>
        <source>a comparison has {0} to {1} runs (got {2})</source>
        <translation>비교에는 실행이 {0}~{1}개 있어야 합니다 (지금 {2}개)</translation>
    </message>
    <message>
        <source>is the same for every run of a comparison (they share the data, its order, the seeds and the layer kinds): change it in the base design</source>
        <translation>비교의 모든 실행에서 같아야 합니다 (데이터와 그 순서, 시드, 계층 종류를 함께 씁니다): 기준 설계에서 바꾸세요</translation>
    </message>
    <message>
        <source>the base design has no layer {0}: its layers are numbered 0 to {1}</source>
        <translation>기준 설계에 계층 {0}이(가) 없습니다: 계층 번호는 0부터 {1}까지입니다</translation>
    </message>
    <message>
        <source>the base design has no hidden layers</source>
        <translation>기준 설계에 은닉층이 없습니다</translation>
    </message>
    <message>
        <source>these changes make {0} hidden layers, more than a design may have ({1})</source>
        <translation>이 변경으로 은닉층이 {0}개가 되어, 설계 하나에 둘 수 있는 수({1}개)보다 많습니다</translation>
    </message>
    <message>
        <source>the {0} runs together have {1} parameters, more than this app trains live ({2}); use fewer runs or smaller layers</source>
        <translation>실행 {0}개의 파라미터를 합치면 {1}개로, 이 앱이 실시간으로 학습할 수 있는 양({2}개)보다 많습니다. 실행 수를 줄이거나 계층을 작게 하세요</translation>
    </message>
    <message>
        <source>A comparison&apos;s weights cannot be saved as one file; promote a run to the editor and train it to save its weights.</source>
        <translation>비교의 가중치는 한 파일로 저장할 수 없습니다. 실행 하나를 편집기로 가져와(사용) 학습한 뒤 그 가중치를 저장하세요.</translation>
    </message>
    <message>
        <source>There is no run to fork from.</source>
        <translation>갈라 학습할 실행이 없습니다.</translation>
    </message>
    <message>
        <source>this is a folder, not a design file: choose a file</source>
        <translation>설계 파일이 아니라 폴더입니다: 파일을 고르세요</translation>
    </message>
    <message>
        <source>no permission to write this file or its folder: choose another place or ask for access</source>
        <translation>이 파일이나 폴더에 쓸 권한이 없습니다: 다른 곳을 고르거나 접근 권한을 요청하세요</translation>
    </message>
    <message>
        <source>the folder {0} does not exist: choose another folder</source>
        <translation>{0} 폴더가 없습니다: 다른 폴더를 고르세요</translation>
    </message>
    <message>
        <source>could not write the file: {0}</source>
        <translation>파일을 쓸 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>its columns seem to be separated by spaces</source>
        <translation>열이 공백으로 구분된 것 같습니다</translation>
    </message>
    <message>
        <source>it has no , ; tab or | between the column names</source>
        <translation>열 이름 사이에 , ; 탭 | 가 없습니다</translation>
    </message>
    <message>
        <source>it uses a decimal comma; save the file with &apos;.&apos; as the decimal point</source>
        <translation>소수점으로 쉼표를 썼습니다. 소수점을 &apos;.&apos;으로 해서 다시 저장하세요</translation>
    </message>
    <message>
        <source>remove the column &apos;{0}&apos; or encode it as numbers (for example one 0/1 column per category)</source>
        <translation>&apos;{0}&apos; 열을 지우거나 숫자로 바꾸세요(예: 범주마다 0/1 열 하나)</translation>
    </message>
    <message>
        <source>regression needs a numeric target; choose classification to predict labels</source>
        <translation>회귀에는 숫자로 된 예측 대상이 필요합니다. 레이블을 예측하려면 분류를 고르세요</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>문자열</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 또는 false</translation>
    </message>
    <message>
        <source>a single value</source>
        <translation>값 하나</translation>
    </message>
    <message>
        <source>{0} and {1} more</source>
        <translation>{0} 외 {1}개</translation>
    </message>
    <message>
        <source>1 value</source>
        <translation>값이 1개</translation>
    </message>
    <message>
        <source>{0} values</source>
        <translation>값이 {0}개</translation>
    </message>
    <message>
        <source>This is not a valid NN Playground design:</source>
        <translation>올바른 NN Playground 설계가 아닙니다:</translation>
    </message>
    <message>
        <source>Cannot open the design file {0}:</source>
        <translation>설계 파일 {0}을(를) 열 수 없습니다:</translation>
    </message>
    <message>
        <source>Cannot save the design to {0}:</source>
        <translation>설계를 {0}에 저장할 수 없습니다:</translation>
    </message>
    <message>
        <source>The comparison cannot be used as it stands:</source>
        <translation>이 비교는 지금 상태로는 쓸 수 없습니다:</translation>
    </message>
    <message>
        <source>The comparison is too large:</source>
        <translation>비교가 너무 큽니다:</translation>
    </message>
    <message>
        <source>The CSV file cannot be used as it stands:</source>
        <translation>CSV 파일을 지금 상태로는 쓸 수 없습니다:</translation>
    </message>
    <message>
        <source>Cannot export to {0}:</source>
        <translation>{0}(으)로 내보낼 수 없습니다:</translation>
    </message>
    <message>
        <source>This is not a valid NN Playground lesson:</source>
        <translation>올바른 NN Playground 과정 파일이 아닙니다:</translation>
    </message>
    <message>
        <source>Cannot open the lesson file {0}:</source>
        <translation>과정 파일 {0}을(를) 열 수 없습니다:</translation>
    </message>
    <message>
        <source>unknown {0} &apos;{1}&apos; (choose one of: {2})</source>
        <translation>알 수 없는 {0} &apos;{1}&apos; (다음 중 하나를 고르세요: {2})</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성 함수</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>must be greater than {0}</source>
        <translation>{0}보다 커야 합니다</translation>
    </message>
    <message>
        <source>must be at least {0}</source>
        <translation>{0} 이상이어야 합니다</translation>
    </message>
    <message>
        <source>must be less than {0}</source>
        <translation>{0}보다 작아야 합니다</translation>
    </message>
    <message>
        <source>must be at most {0}</source>
        <translation>{0} 이하여야 합니다</translation>
    </message>
    <message>
        <source>is too long (at most {0})</source>
        <translation>너무 깁니다 (최대 {0})</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>정수여야 합니다</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>숫자여야 합니다</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>true 또는 false여야 합니다</translation>
    </message>
    <message>
        <source>must be text</source>
        <translation>문자열이어야 합니다</translation>
    </message>
    <message>
        <source>must be one of {0}</source>
        <translation>{0} 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>required field is missing</source>
        <translation>필수 항목이 없습니다</translation>
    </message>
    <message>
        <source>unknown field (not part of a design)</source>
        <translation>알 수 없는 항목입니다 (설계에 없는 항목)</translation>
    </message>
    <message>
        <source>is too short (at least {0})</source>
        <translation>너무 짧습니다 (최소 {0})</translation>
    </message>
    <message>
        <source>must have at least {0} characters</source>
        <translation>{0}자 이상이어야 합니다</translation>
    </message>
    <message>
        <source>must have at most {0} characters</source>
        <translation>{0}자 이하여야 합니다</translation>
    </message>
    <message>
        <source>must match the pattern {0}</source>
        <translation>형식 {0}에 맞아야 합니다</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>JSON 객체여야 합니다</translation>
    </message>
    <message>
        <source>{0} (got {1})</source>
        <translation>{0} (받은 값: {1})</translation>
    </message>
    <message>
        <source>Training diverged: the loss became NaN at step {0} (epoch {1}).</source>
        <translation>학습이 발산했습니다: 스텝 {0} (에포크 {1})에서 손실이 NaN이 되었습니다.</translation>
    </message>
    <message>
        <source>Training diverged: the loss became infinite at step {0} (epoch {1}).</source>
        <translation>학습이 발산했습니다: 스텝 {0} (에포크 {1})에서 손실이 무한대가 되었습니다.</translation>
    </message>
    <message>
        <source>{0} was the first layer whose weights stopped being finite numbers.</source>
        <translation>가중치가 처음으로 유한한 수가 아니게 된 계층은 {0}입니다.</translation>
    </message>
    <message>
        <source>The weights are still finite, but the outputs grew too large for the loss.</source>
        <translation>가중치는 아직 유한하지만 출력이 손실을 계산하기에 너무 커졌습니다.</translation>
    </message>
    <message>
        <source>The updates grew too large. Try a lower learning rate (now {0}; e.g. {1}), an adaptive optimizer such as Adam, batch normalization, or regularization; then reset the run.</source>
        <translation>업데이트가 너무 커졌습니다. 더 작은 학습률 (지금 {0}, 예: {1}), Adam 같은 적응형 옵티마이저, 배치 정규화나 규제를 써 본 뒤 초기화하세요.</translation>
    </message>
    <message>
        <source>No CUDA GPU found (needs an NVIDIA GPU, its driver and a CUDA build of PyTorch).</source>
        <translation>CUDA GPU를 찾을 수 없습니다 (NVIDIA GPU와 드라이버, CUDA용 PyTorch가 필요합니다).</translation>
    </message>
    <message>
        <source>Apple&apos;s MPS is not available (needs a Mac with Apple silicon and macOS 12.3 or later).</source>
        <translation>Apple MPS를 쓸 수 없습니다 (Apple 실리콘 Mac과 macOS 12.3 이상이 필요합니다).</translation>
    </message>
    <message>
        <source>{0} was asked for but is not available: {1} Training on the CPU instead.</source>
        <translation>{0}을(를) 골랐지만 쓸 수 없습니다: {1} 대신 CPU에서 학습합니다.</translation>
    </message>
</context>
<context>
    <name>ExercisesTab</name>
    <message>
        <source>Check</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Run the code in the editor with this exercise&apos;s tensors and check its result</source>
        <translation>이 문제의 텐서로 편집기의 코드를 실행하고 결과를 확인합니다</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>힌트</translation>
    </message>
    <message>
        <source>The course&apos;s exercises are not installed in this version yet.</source>
        <translation>이 버전에는 아직 과정의 연습 문제가 없습니다.</translation>
    </message>
    <message>
        <source>✓ Right!</source>
        <translation>✓ 정답입니다!</translation>
    </message>
    <message>
        <source>Not yet: {0}</source>
        <translation>아직 아닙니다: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} exercises done</source>
        <translation>연습 문제 {1}개 중 {0}개 완료</translation>
    </message>
    <message>
        <source>Choose an exercise.</source>
        <translation>연습 문제를 고르세요.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <source>Hint {0}: {1}</source>
        <translation>힌트 {0}: {1}</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export as PyTorch Script</source>
        <translation>PyTorch 스크립트로 내보내기</translation>
    </message>
    <message>
        <source>The script could not be written</source>
        <translation>스크립트를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0} 내보냄</translation>
    </message>
    <message>
        <source>Export as Jupyter Notebook</source>
        <translation>Jupyter 노트북으로 내보내기</translation>
    </message>
    <message>
        <source>Jupyter Notebook (*.ipynb)</source>
        <translation>Jupyter 노트북 (*.ipynb)</translation>
    </message>
    <message>
        <source>The notebook could not be written</source>
        <translation>노트북을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Export Metrics</source>
        <translation>지표 내보내기</translation>
    </message>
    <message>
        <source>The metrics could not be written</source>
        <translation>지표를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Export Plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>The plot could not be written</source>
        <translation>그래프를 쓸 수 없습니다</translation>
    </message>
</context>
<context>
    <name>FieldWords</name>
    <message>
        <source>Run {0}</source>
        <translation>실행 {0}</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>입력 특성</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>Column to predict</source>
        <translation>예측할 열</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>문제 유형</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>점 개수</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>노이즈</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>이상치</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>Weight init</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Batch mode</source>
        <translation>배치 방식</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Regularization rate</source>
        <translation>규제 강도</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>NN Playground design (*.json)</source>
        <translation>NN Playground 설계 (*.json)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start from the default design.</source>
        <translation>기본 설계에서 새로 시작합니다.</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a design file.</source>
        <translation>설계 파일을 엽니다.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the design.</source>
        <translation>설계를 저장합니다.</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the design under a new name.</source>
        <translation>설계를 새 이름으로 저장합니다.</translation>
    </message>
    <message>
        <source>Save with &amp;Weights…</source>
        <translation>가중치와 함께 저장(&amp;W)…</translation>
    </message>
    <message>
        <source>Save the design and the trained weights beside it; opening it resumes the run where it stopped.</source>
        <translation>설계와 함께 학습된 가중치를 옆에 저장합니다. 나중에 열면 멈춘 곳에서 학습을 이어 갑니다.</translation>
    </message>
    <message>
        <source>Export as PyTorch Script…</source>
        <translation>PyTorch 스크립트로 내보내기…</translation>
    </message>
    <message>
        <source>A standalone .py that trains this design with torch and numpy only.</source>
        <translation>torch와 numpy만으로 이 설계를 학습하는 독립 실행형 .py 파일입니다.</translation>
    </message>
    <message>
        <source>Export as Jupyter Notebook…</source>
        <translation>Jupyter 노트북으로 내보내기…</translation>
    </message>
    <message>
        <source>A notebook that trains this design cell by cell, explained; with the run&apos;s weights beside it, it continues the run (on Colab too).</source>
        <translation>이 설계를 셀마다 설명과 함께 학습하는 노트북입니다. 실행의 가중치를 옆에 함께 저장하므로 그 실행을 이어서 학습합니다 (Colab에서도).</translation>
    </message>
    <message>
        <source>Export Metrics as CSV…</source>
        <translation>지표를 CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Every step&apos;s loss and the evaluated losses and accuracy.</source>
        <translation>스텝마다의 손실과, 평가한 손실 및 정확도입니다.</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Preset</source>
        <translation>예제 열기(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>내보내기(&amp;E)</translation>
    </message>
    <message>
        <source>Plot as PNG or SVG</source>
        <translation>그래프를 PNG 또는 SVG로</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="vanished">최근 파일 없음</translation>
    </message>
    <message>
        <source>The presets could not be read</source>
        <translation type="vanished">예제를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>The design “{0}” has changes that are not saved.</source>
        <translation>설계 “{0}”에 저장하지 않은 변경 사항이 있습니다.</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>계속하기 전에 저장할까요?</translation>
    </message>
    <message>
        <source>Open Design</source>
        <translation>설계 열기</translation>
    </message>
    <message>
        <source>The file could not be opened</source>
        <translation>파일을 열 수 없습니다</translation>
    </message>
    <message>
        <source>The preset could not be opened</source>
        <translation>예제를 열 수 없습니다</translation>
    </message>
    <message>
        <source>The weights file beside this design ({0}) cannot be used: {1}. The run starts from new weights.</source>
        <translation>이 설계 옆의 가중치 파일({0})은 쓸 수 없습니다: {1}. 새 가중치로 학습을 시작합니다.</translation>
    </message>
    <message>
        <source>The weights file beside this design ({0}) was saved with a different design; the run starts from new weights.</source>
        <translation>이 설계 옆의 가중치 파일({0})은 다른 설계로 저장된 것입니다. 새 가중치로 학습을 시작합니다.</translation>
    </message>
    <message>
        <source>Save Design As</source>
        <translation>다른 이름으로 설계 저장</translation>
    </message>
    <message>
        <source>The design could not be saved</source>
        <translation>설계를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} 저장함</translation>
    </message>
    <message>
        <source>The weights could not be saved</source>
        <translation>가중치를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>The weights could not be saved to {0}:</source>
        <translation>가중치를 {0}에 저장할 수 없습니다:</translation>
    </message>
    <message>
        <source>Saved the weights to {0}</source>
        <translation>가중치를 {0}에 저장함</translation>
    </message>
    <message>
        <source>The weights could not be loaded</source>
        <translation>가중치를 불러올 수 없습니다</translation>
    </message>
    <message>
        <source>The run starts from new weights instead.</source>
        <translation>대신 새 가중치로 학습을 시작합니다.</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>Export as PyTorch Script</source>
        <translation type="vanished">PyTorch 스크립트로 내보내기</translation>
    </message>
    <message>
        <source>The script could not be written</source>
        <translation type="vanished">스크립트를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation type="vanished">{0} 내보냄</translation>
    </message>
    <message>
        <source>Export Metrics</source>
        <translation type="vanished">지표 내보내기</translation>
    </message>
    <message>
        <source>The metrics could not be written</source>
        <translation type="vanished">지표를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Export Plot</source>
        <translation type="vanished">그래프 내보내기</translation>
    </message>
    <message>
        <source>The plot could not be written</source>
        <translation type="vanished">그래프를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Restore unsaved work?</source>
        <translation>저장하지 않은 작업을 복구할까요?</translation>
    </message>
    <message>
        <source>NN Playground did not close properly last time. Restore the unsaved design “{0}”?</source>
        <translation>지난번에 NN Playground가 제대로 종료되지 않았습니다. 저장하지 않은 설계 “{0}”을(를) 복구할까요?</translation>
    </message>
</context>
<context>
    <name>FindingCard</name>
    <message>
        <source>Try the fix</source>
        <translation>해결책 시도</translation>
    </message>
    <message>
        <source>Compare this run with the fix, side by side, from the same starting weights and data.</source>
        <translation>같은 초기 가중치와 데이터에서 이 학습과 해결책을 나란히 비교합니다.</translation>
    </message>
    <message>
        <source>Evidence: {0}</source>
        <translation>근거: {0}</translation>
    </message>
    <message>
        <source>What to do: {0}</source>
        <translation>해야 할 일: {0}</translation>
    </message>
</context>
<context>
    <name>GradientPlot</name>
    <message>
        <source>Vanishing gradients: the gradient shrinks layer by layer on its way back to the input, so the early layers barely learn (typical of deep sigmoid or tanh stacks; ReLU and good initialization help). Exploding gradients: it grows until the updates throw the weights about (lower the learning rate).</source>
        <translation>기울기 소실: 기울기가 입력 쪽으로 거슬러 가면서 계층마다 줄어들어, 앞쪽 계층이 거의 학습하지 못합니다(sigmoid나 tanh를 깊게 쌓으면 흔하며, ReLU와 좋은 가중치 초기화가 도움이 됩니다). 기울기 폭주: 기울기가 점점 커져서 갱신이 가중치를 마구 흔들어 놓습니다(학습률을 낮추세요).</translation>
    </message>
    <message>
        <source>Layer colours: warm for layers near the input, cool for layers near the output.</source>
        <translation>계층 색: 입력에 가까운 계층은 따뜻한 색, 출력에 가까운 계층은 차가운 색입니다.</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>기울기 노름</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>How large each layer&apos;s weight gradient (the push from back-propagation) has been during training, on a logarithmic axis: each grid line is ten times larger than the one below.
Warm colours are layers near the input, cool colours layers near the output.</source>
        <translation>학습하는 동안 각 계층의 가중치 기울기(역전파가 미는 힘)가 얼마나 컸는지 로그 축으로 보여 줍니다. 격자선 하나는 바로 아래 선보다 10배 큽니다.
따뜻한 색은 입력에 가까운 계층, 차가운 색은 출력에 가까운 계층입니다.</translation>
    </message>
    <message>
        <source>not finite</source>
        <translation>유한하지 않음</translation>
    </message>
    <message>
        <source>Gradient norms above this line overflowed: they are no longer finite numbers (infinity or NaN). The run has exploded.</source>
        <translation>이 선 위의 기울기 크기는 오버플로되었습니다: 더 이상 유한한 수가 아닙니다 (무한대 또는 NaN). 학습이 폭주했습니다.</translation>
    </message>
    <message>
        <source>No current run</source>
        <translation>현재 실행 없음</translation>
    </message>
    <message>
        <source>The latest weight-gradient norm of each layer, input side on the left (logarithmic axis). Update/weight: how much one step changed the weights relative to their size; around 0.001 is healthy for SGD, much smaller means the layer barely learns.</source>
        <translation>각 계층의 최근 가중치 기울기 노름이며, 왼쪽이 입력 쪽입니다(로그 축). 갱신/가중치: 한 스텝이 가중치를 그 크기에 비해 얼마나 바꿨는지입니다. SGD에서는 0.001 안팎이 정상이고, 훨씬 작으면 그 계층은 거의 학습하지 못하고 있습니다.</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>update/weight</source>
        <translation>갱신/가중치</translation>
    </message>
    <message>
        <source>overflow (not finite)</source>
        <translation>오버플로 (유한하지 않음)</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>기울기 소실</translation>
    </message>
    <message>
        <source>Exploding gradients</source>
        <translation>기울기 폭주</translation>
    </message>
    <message>
        <source>Diverged: exploding gradients</source>
        <translation>발산: 기울기 폭주</translation>
    </message>
    <message>
        <source>No layers with weights.</source>
        <translation>가중치가 있는 계층이 없습니다.</translation>
    </message>
    <message>
        <source>Some gradients are no longer finite numbers (NaN or infinity).</source>
        <translation>일부 기울기가 더 이상 유한한 수가 아닙니다 (NaN 또는 무한대).</translation>
    </message>
    <message>
        <source>A gradient norm reached {0}; updates this large throw the weights about.</source>
        <translation>기울기 크기가 {0}에 이르렀습니다. 이렇게 큰 업데이트는 가중치를 크게 흔듭니다 (기울기 폭주).</translation>
    </message>
    <message>
        <source>A single layer: the gradient reaches it directly.</source>
        <translation>계층이 하나뿐이라 기울기가 바로 전달됩니다.</translation>
    </message>
    <message>
        <source>Every gradient is zero: nothing is learning (dead units, or zero weights).</source>
        <translation>모든 기울기가 0입니다. 아무것도 학습되지 않습니다 (죽은 뉴런 또는 0으로 초기화된 가중치).</translation>
    </message>
    <message>
        <source>The output layer&apos;s gradient is zero at this step.</source>
        <translation>이 스텝에서 출력 계층의 기울기가 0입니다.</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradient is about {0} times smaller than the output layer&apos;s ({1} vs {2}): early layers barely learn.</source>
        <translation>첫 계층의 기울기가 출력 계층보다 약 {0}배 작습니다 ({1} 대 {2}). 앞쪽 계층이 거의 학습하지 못합니다 (기울기 소실).</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradient is about {0} times larger than the output layer&apos;s ({1} vs {2}): it grows on the way back.</source>
        <translation>첫 계층의 기울기가 출력 계층보다 약 {0}배 큽니다 ({1} 대 {2}). 역전파 중에 기울기가 커집니다 (기울기 폭주).</translation>
    </message>
    <message>
        <source>Gradients reach the first layer (first/output = {0}).</source>
        <translation>기울기가 첫 계층까지 잘 전달됩니다 (첫 계층/출력 = {0}).</translation>
    </message>
    <message>
        <source>The run diverged at step {0}: the loss became NaN. The updates grew until the numbers overflowed; lower the learning rate and reset.</source>
        <translation>스텝 {0}에서 학습이 발산했습니다: 손실이 NaN이 되었습니다. 업데이트가 커지다가 수가 오버플로되었습니다. 학습률을 낮추고 초기화하세요.</translation>
    </message>
    <message>
        <source>The run diverged at step {0}: the loss became infinite. The updates grew until the numbers overflowed; lower the learning rate and reset.</source>
        <translation>스텝 {0}에서 학습이 발산했습니다: 손실이 무한대가 되었습니다. 업데이트가 커지다가 수가 오버플로되었습니다. 학습률을 낮추고 초기화하세요.</translation>
    </message>
    <message>
        <source>No gradients yet</source>
        <translation>아직 기울기 없음</translation>
    </message>
    <message>
        <source>Press Train to start: after the first step each layer&apos;s gradient appears here.</source>
        <translation>학습 버튼을 눌러 시작하세요. 첫 스텝이 끝나면 각 계층의 기울기가 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>The latest weight-gradient norm of each layer, input side on the left (logarithmic axis).</source>
        <translation>각 계층의 최근 가중치 기울기 노름이며, 왼쪽이 입력 쪽입니다(로그 축).</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>About NN Playground</source>
        <translation>NN Playground 정보</translation>
    </message>
    <message>
        <source>Train / Pause</source>
        <translation>학습 / 일시 정지</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation>배치 하나 학습</translation>
    </message>
    <message>
        <source>Step one epoch</source>
        <translation>에포크 하나 학습</translation>
    </message>
    <message>
        <source>Step inside: look inside the next step</source>
        <translation>스텝 들여다보기: 다음 학습 스텝을 안에서 보기</translation>
    </message>
    <message>
        <source>Inside one step: previous / next stage</source>
        <translation>한 스텝 들여다보기: 이전 / 다음 단계</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>가중치 재설정</translation>
    </message>
    <message>
        <source>Fold or unfold the explanation</source>
        <translation>설명 접기 / 펼치기</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>학습 과정</translation>
    </message>
    <message>
        <source>Tensor Lab</source>
        <translation>텐서 실습실</translation>
    </message>
    <message>
        <source>Tensor Lab: run the code</source>
        <translation>텐서 실습실: 코드 실행</translation>
    </message>
    <message>
        <source>Projector mode: larger text, thicker lines</source>
        <translation>프로젝터 모드: 더 큰 글자, 더 굵은 선</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Space, . and Ctrl+E work wherever the focus is, except while you type in a text field. Enter in a number box (such as the learning rate) applies the number and gives the keys back to training.</source>
        <translation>Space, . , Ctrl+E는 포커스가 어디에 있든 동작합니다. 단, 텍스트 입력란에 글자를 입력하는 중에는 예외입니다. 숫자 입력란(학습률 등)에서 Enter를 누르면 값이 적용되고 키가 다시 학습 조작으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;NN Playground {0}&lt;/b&gt;&lt;br&gt;Build a neural network, train it live with PyTorch, and watch what happens inside.</source>
        <translation>&lt;b&gt;NN Playground {0}&lt;/b&gt;&lt;br&gt;신경망을 만들고, PyTorch로 실시간 학습시키면서, 그 안에서 무슨 일이 일어나는지 지켜보세요.</translation>
    </message>
</context>
<context>
    <name>Hyperparameters</name>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>How big each update is: the gradient is multiplied by it. Too small learns slowly; too large overshoots the minimum and the loss grows until training diverges. It can be changed while training.</source>
        <translation>한 번 갱신할 때의 크기로, 기울기에 곱해집니다. 너무 작으면 학습이 느리고, 너무 크면 최솟값을 지나쳐 손실이 커지다가 학습이 발산합니다. 학습 중에도 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>The fraction of the previous update kept in the next one (0 = none, 0.9 is usual).</source>
        <translation>다음 갱신에 남기는 이전 갱신의 비율입니다(0 = 없음, 보통 0.9).</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>Nesterov momentum: look ahead along the momentum before taking the gradient; often a little faster. Needs a momentum above 0.</source>
        <translation>Nesterov 모멘텀: 모멘텀 방향으로 미리 가 본 곳에서 기울기를 구합니다. 대개 조금 더 빠릅니다. 모멘텀이 0보다 커야 합니다.</translation>
    </message>
    <message>
        <source>Alpha (decay)</source>
        <translation>Alpha (감쇠)</translation>
    </message>
    <message>
        <source>How slowly RMSProp&apos;s average of squared gradients forgets: 0.99 averages about the last 100 steps.</source>
        <translation>RMSProp의 기울기 제곱 평균이 과거를 얼마나 천천히 잊는지입니다. 0.99면 대략 최근 100 스텝을 평균합니다.</translation>
    </message>
    <message>
        <source>Beta 1</source>
        <translation>Beta 1</translation>
    </message>
    <message>
        <source>Adam&apos;s momentum: how slowly the average gradient forgets (0.9 is usual).</source>
        <translation>Adam의 모멘텀: 기울기 평균이 과거를 얼마나 천천히 잊는지입니다(보통 0.9).</translation>
    </message>
    <message>
        <source>Beta 2</source>
        <translation>Beta 2</translation>
    </message>
    <message>
        <source>How slowly Adam&apos;s average of squared gradients forgets (0.999 is usual).</source>
        <translation>Adam의 기울기 제곱 평균이 과거를 얼마나 천천히 잊는지입니다(보통 0.999).</translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation>Epsilon</translation>
    </message>
    <message>
        <source>A tiny number added before dividing by the gradient size, so steps stay finite.</source>
        <translation>기울기 크기로 나누기 전에 더하는 아주 작은 수로, 스텝이 무한대가 되지 않게 합니다.</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>가중치 감쇠</translation>
    </message>
    <message>
        <source>Shrinks every weight a little at each step (like L2 regularization), which keeps weights small and fights overfitting.</source>
        <translation>스텝마다 모든 가중치를 조금씩 줄입니다(L2 규제와 비슷). 가중치를 작게 유지해 과적합을 막습니다.</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>가중치 감쇠</translation>
    </message>
</context>
<context>
    <name>Inits</name>
    <message>
        <source>PyTorch&apos;s default: uniform weights scaled by 1/√(inputs) (Kaiming uniform with a=√5).</source>
        <translation>PyTorch 기본값: 1/√(입력 수)로 크기를 맞춘 균등 분포 가중치입니다(a=√5인 Kaiming uniform).</translation>
    </message>
    <message>
        <source>Xavier / Glorot: keeps the variance of signals equal from layer to layer for tanh and sigmoid units.</source>
        <translation>Xavier / Glorot: tanh와 sigmoid 뉴런에서 계층을 지나도 신호의 분산이 같게 유지되도록 합니다.</translation>
    </message>
    <message>
        <source>He / Kaiming: twice Xavier&apos;s variance, made for ReLU units, which silence half their inputs.</source>
        <translation>He / Kaiming: Xavier의 두 배 분산으로, 입력의 절반을 0으로 만드는 ReLU 뉴런을 위한 방법입니다.</translation>
    </message>
    <message>
        <source>All weights zero: every unit of a layer computes the same thing and gets the same gradient, so they never become different (symmetry is never broken).</source>
        <translation>모든 가중치가 0: 한 계층의 모든 뉴런이 같은 값을 계산하고 같은 기울기를 받아서, 끝내 서로 달라지지 않습니다(대칭이 깨지지 않음).</translation>
    </message>
</context>
<context>
    <name>Inside</name>
    <message>
        <source>&lt;b&gt;The batch mean&lt;/b&gt; over its {0} samples.</source>
        <translation>샘플 {0}개에 대한 &lt;b&gt;배치 평균&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample {0}&lt;/b&gt; of {1} in the batch (row {2} of the training set): x = {3}, target y = {4}</source>
        <translation>배치의 샘플 {1}개 중 &lt;b&gt;샘플 {0}&lt;/b&gt; (학습 데이터의 {2}번 행): x = {3}, 정답 y = {4}</translation>
    </message>
    <message>
        <source>Each layer takes its input x, computes z, then its activation h = f(z); h is the next layer&apos;s input.</source>
        <translation>각 계층은 입력 x로 z를 계산하고, 활성 함수로 h = f(z)를 냅니다. h는 다음 계층의 입력입니다.</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>layer (batch mean)</source>
        <translation>계층 (배치 평균)</translation>
    </message>
    <message>
        <source>{0} normalised with this batch&apos;s mean μ = {1} and variance σ² = {2}.</source>
        <translation>{0}는 이 배치의 평균 μ = {1}, 분산 σ² = {2}로 정규화했습니다.</translation>
    </message>
    <message>
        <source>{0} kept {1} of the first {2} values of this sample and scaled them by 1/(1 − p): its mask is {3}.</source>
        <translation>{0}는 이 샘플의 처음 값 {2}개 중 {1}개를 남기고 1/(1 − p)를 곱했습니다: 마스크는 {3}입니다.</translation>
    </message>
    <message>
        <source>Neuron {0} of {1}</source>
        <translation>{1}의 뉴런 {0}</translation>
    </message>
    <message>
        <source>Its batch mean: z̄ = {0}, h̄ = {1}. (h̄ is the mean of each sample&apos;s h, not f(z̄).) Pick a sample to see its sum term by term.</source>
        <translation>배치 평균: z̄ = {0}, h̄ = {1}. (h̄는 샘플마다의 h의 평균이며 f(z̄)가 아닙니다.) 샘플을 고르면 합을 항마다 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>(The sum goes over all {0} inputs; the first {1} are written out.)</source>
        <translation>(합은 입력 {0}개 전체에 걸칩니다. 처음 {1}개만 적었습니다.)</translation>
    </message>
    <message>
        <source>No activation: h = z = &lt;b&gt;{0}&lt;/b&gt;.</source>
        <translation>활성 함수 없음: h = z = &lt;b&gt;{0}&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>Its slope here, h′(z) = {0}, is kept for the backward pass.</source>
        <translation>여기서의 기울기 h′(z) = {0}는 역전파에 쓰입니다.</translation>
    </message>
    <message>
        <source>The loss compares the network&apos;s output ŷ with the target y.</source>
        <translation>손실 함수는 신경망의 출력 ŷ를 정답 y와 비교합니다.</translation>
    </message>
    <message>
        <source>The batch</source>
        <translation>배치 전체</translation>
    </message>
    <message>
        <source>This is the loss the loss curve shows for this step.</source>
        <translation>손실 곡선이 이 스텝에 보여 주는 값이 바로 이것입니다.</translation>
    </message>
    <message>
        <source>Regularization adds a penalty on the weights: {0} = {1} with λ = {2}; backward differentiates L + penalty = {3}.</source>
        <translation>규제가 가중치에 벌점을 더합니다: λ = {2}일 때 {0} = {1}. 역전파는 L + 벌점 = {3}을 미분합니다.</translation>
    </message>
    <message>
        <source>Softmax turns the {0} output scores o into chances:</source>
        <translation>소프트맥스가 출력 점수 o {0}개를 확률로 바꿉니다:</translation>
    </message>
    <message>
        <source>The true class is {0}:</source>
        <translation>정답 클래스는 {0}입니다:</translation>
    </message>
    <message>
        <source>The sigmoid turns the output score o into the chance of class 1:</source>
        <translation>시그모이드가 출력 점수 o를 클래스 1의 확률로 바꿉니다:</translation>
    </message>
    <message>
        <source>Huber with δ = {0}: squared while |ŷ − y| ≤ δ, linear beyond.</source>
        <translation>δ = {0}인 Huber: |ŷ − y| ≤ δ이면 제곱, 그보다 크면 직선.</translation>
    </message>
    <message>
        <source>(The first of {0} outputs is written; ℓ is the mean over them.)</source>
        <translation>(출력 {0}개 중 첫째만 적었습니다. ℓ은 그 평균입니다.)</translation>
    </message>
    <message>
        <source>Backpropagation starts at the loss: {0} = {1} for sample {2}.</source>
        <translation>역전파는 손실에서 시작합니다: 샘플 {2}에서 {0} = {1}.</translation>
    </message>
    <message>
        <source>The chain rule for {0} of {1}</source>
        <translation>{1}의 {0}에 대한 연쇄 법칙</translation>
    </message>
    <message>
        <source>Summed over the batch&apos;s {0} samples (∂L/∂h already carries the 1/B of the mean):</source>
        <translation>배치의 샘플 {0}개에 걸쳐 더합니다 (∂L/∂h에는 평균의 1/B이 이미 들어 있습니다):</translation>
    </message>
    <message>
        <source>The penalty adds {0}, so the optimizer&apos;s gradient is g = {1}.</source>
        <translation>벌점이 {0}을 더하므로 옵티마이저가 쓰는 기울기는 g = {1}입니다.</translation>
    </message>
    <message>
        <source>∂L/∂h = {0} is tiny next to the {1} the loss sent back for this sample: the gradient vanished on its way down to this layer.</source>
        <translation>∂L/∂h = {0}는 손실이 이 샘플에 돌려보낸 {1}에 비해 아주 작습니다: 기울기가 이 계층까지 내려오는 동안 소실되었습니다.</translation>
    </message>
    <message>
        <source>∂L/∂h = {0} is tiny next to the {1} the loss sent back for this sample: little of this sample&apos;s error reaches this neuron, although the layer as a whole still gets ‖∂L/∂h‖ = {2}.</source>
        <translation>∂L/∂h = {0}는 손실이 이 샘플에 돌려보낸 {1}에 비해 아주 작습니다: 이 샘플의 오차가 이 뉴런까지는 거의 오지 않습니다. 계층 전체로는 여전히 ‖∂L/∂h‖ = {2}의 기울기를 받습니다.</translation>
    </message>
    <message>
        <source>∂L/∂h = {0} is tiny (even times B = {1}): little gradient reaches this layer from above; it vanished on the way down.</source>
        <translation type="vanished">∂L/∂h = {0}는 (B = {1}을 곱해도) 아주 작습니다: 위에서 이 계층까지 오는 기울기가 거의 없습니다. 내려오는 도중에 소실되었습니다.</translation>
    </message>
    <message>
        <source>h′(z) = {0} is tiny: the activation is flat (saturated) at this z, so almost no gradient passes through it.</source>
        <translation>h′(z) = {0}는 아주 작습니다: 이 z에서 활성 함수가 평평해서(포화) 기울기가 거의 통과하지 못합니다.</translation>
    </message>
    <message>
        <source>The input {0} is tiny: this weight barely changed the output for this sample.</source>
        <translation>입력 {0}이 아주 작습니다: 이 가중치는 이 샘플의 출력을 거의 바꾸지 않았습니다.</translation>
    </message>
    <message>
        <source>{0} updates {1} of {2}</source>
        <translation>{0}가 {2}의 {1}을 업데이트합니다</translation>
    </message>
    <message>
        <source>Its gradient from the backward pass: g = {0}; learning rate η = {1}.</source>
        <translation>역전파에서 온 기울기: g = {0}, 학습률 η = {1}.</translation>
    </message>
    <message>
        <source>Weight decay λ = {0} adds λ·w to the gradient:</source>
        <translation>가중치 감쇠 λ = {0}가 기울기에 λ·w를 더합니다:</translation>
    </message>
    <message>
        <source>The weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>The rule above gives Δ = {0}; the change really made is {1}. They agree up to float32&apos;s rounding: near this weight its numbers are {2} apart.</source>
        <translation>위 규칙으로 구한 Δ = {0}, 실제로 바뀐 양은 {1}입니다. float32의 반올림 안에서 같습니다: 이 가중치 근처에서 float32 숫자의 간격은 {2}입니다.</translation>
    </message>
    <message>
        <source>The rule above gives Δ = {0}; the change really made is {1} (equal up to float32 rounding).</source>
        <translation type="vanished">위 규칙으로 구한 Δ = {0}, 실제로 바뀐 양은 {1}입니다 (float32 반올림 오차 안에서 같습니다).</translation>
    </message>
    <message>
        <source>This is the optimizer&apos;s first step: its state started at 0.</source>
        <translation>옵티마이저의 첫 스텝입니다: 상태는 0에서 시작했습니다.</translation>
    </message>
    <message>
        <source>The velocity v keeps a fraction μ = {0} of the previous steps:</source>
        <translation>속도 v는 이전 스텝의 μ = {0}만큼을 유지합니다:</translation>
    </message>
    <message>
        <source>Adagrad adds up every squared gradient so far (G); a weight with large gradients gets smaller steps:</source>
        <translation>Adagrad는 지금까지의 기울기 제곱을 모두 더합니다(G). 기울기가 컸던 가중치일수록 조금씩 움직입니다:</translation>
    </message>
    <message>
        <source>RMSProp keeps a running average s of the squared gradients (α = {0}):</source>
        <translation>RMSProp은 기울기 제곱의 이동 평균 s를 유지합니다 (α = {0}):</translation>
    </message>
    <message>
        <source>Adam keeps a running mean m of the gradients (like momentum) and v of their squares (like RMSProp), β₁ = {0}, β₂ = {1}:</source>
        <translation>Adam은 기울기의 이동 평균 m(모멘텀처럼)과 기울기 제곱의 이동 평균 v(RMSProp처럼)를 유지합니다. β₁ = {0}, β₂ = {1}:</translation>
    </message>
    <message>
        <source>Step t = {0}: the bias corrections undo the start at 0:</source>
        <translation>스텝 t = {0}: 편향 보정이 0에서 시작한 영향을 되돌립니다:</translation>
    </message>
    <message>
        <source>AdamW first shrinks the weight by η·λ·w (weight decay, λ = {0}): {1}.</source>
        <translation>AdamW는 먼저 가중치를 η·λ·w만큼 줄입니다 (가중치 감쇠, λ = {0}): {1}.</translation>
    </message>
</context>
<context>
    <name>InsidePanel</name>
    <message>
        <source>Gradient arriving at each layer, ‖∂L/∂h‖ (log scale), output first:</source>
        <translation>각 계층에 도착한 기울기 ‖∂L/∂h‖ (로그 눈금), 출력층부터:</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>기울기 검사</translation>
    </message>
    <message>
        <source>Compare autograd&apos;s ∂L/∂w for the picked weight with a finite-difference estimate: nudge the weight by ±ε, recompute the loss on the same batch, and divide the change by 2ε.</source>
        <translation>고른 가중치에 대해 autograd가 계산한 ∂L/∂w를 유한 차분 추정값과 비교합니다: 가중치를 ±ε만큼 움직여 같은 배치의 손실을 다시 계산하고, 그 변화를 2ε로 나눕니다.</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>The previous stage (Left arrow).</source>
        <translation>이전 단계 (왼쪽 화살표).</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>순전파</translation>
    </message>
    <message>
        <source>Forward pass: the batch flows through the layers, z = Σ wx + b, h = f(z).</source>
        <translation>순전파: 배치가 계층을 차례로 지나갑니다. z = Σ wx + b, h = f(z).</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>The loss: how far the outputs are from the targets, for this batch.</source>
        <translation>손실: 이 배치에서 출력이 정답과 얼마나 떨어져 있는지.</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>Backpropagation: the loss&apos;s gradient flows back layer by layer, by the chain rule.</source>
        <translation>역전파: 손실의 기울기가 연쇄 법칙에 따라 계층마다 거꾸로 흘러갑니다.</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>업데이트</translation>
    </message>
    <message>
        <source>The optimizer moves each weight against its gradient.</source>
        <translation>옵티마이저가 각 가중치를 기울기의 반대 방향으로 움직입니다.</translation>
    </message>
    <message>
        <source>The sample of the batch whose numbers are shown, or the batch mean.</source>
        <translation>숫자를 보여 줄 배치의 샘플, 또는 배치 평균.</translation>
    </message>
    <message>
        <source>The layer of the weight whose forward sum, chain rule and update are shown.</source>
        <translation>순전파의 합, 연쇄 법칙, 업데이트를 보여 줄 가중치의 계층.</translation>
    </message>
    <message>
        <source>A weight or the bias (batch normalization: γ or β).</source>
        <translation>가중치 또는 편향 (배치 정규화: γ 또는 β).</translation>
    </message>
    <message>
        <source>The neuron (the weight matrix&apos;s row).</source>
        <translation>뉴런 (가중치 행렬의 행).</translation>
    </message>
    <message>
        <source>The input the weight multiplies (the weight matrix&apos;s column).</source>
        <translation>가중치가 곱해지는 입력 (가중치 행렬의 열).</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>뉴런</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Step {0} (epoch {1}, batch {2}): the real step, already taken; training goes on from it.</source>
        <translation>스텝 {0} (에포크 {1}, 배치 {2}): 이미 실제로 진행된 스텝입니다. 학습은 여기서 이어집니다.</translation>
    </message>
    <message>
        <source>Press Step Inside (Ctrl+I) to take the next training step and look inside it, stage by stage.</source>
        <translation>스텝 들여다보기(Ctrl+I)를 누르면 다음 학습 스텝을 진행하고 그 안을 단계별로 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>Next step ▶</source>
        <translation>다음 스텝 ▶</translation>
    </message>
    <message>
        <source>Take the next training step and look inside it (Right arrow).</source>
        <translation>다음 학습 스텝을 진행하고 그 안을 봅니다 (오른쪽 화살표).</translation>
    </message>
    <message>
        <source>The next stage (Right arrow).</source>
        <translation>다음 단계 (오른쪽 화살표).</translation>
    </message>
    <message>
        <source>Stage {0} of {1}</source>
        <translation>{1}단계 중 {0}단계</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>검사 중…</translation>
    </message>
    <message>
        <source>The check could not run: {0}</source>
        <translation>검사를 할 수 없었습니다: {0}</translation>
    </message>
    <message>
        <source>They agree: backpropagation computed this gradient correctly.</source>
        <translation>두 값이 일치합니다: 역전파가 이 기울기를 올바르게 계산했습니다.</translation>
    </message>
    <message>
        <source>They disagree: this gradient is not the slope of the loss. Something in the backward pass is wrong.</source>
        <translation>두 값이 다릅니다: 이 기울기는 손실의 기울기가 아닙니다. 역전파 어딘가가 잘못되었습니다.</translation>
    </message>
    <message>
        <source>{0}: autograd {1}, finite differences (ε = {2}) {3}, relative error {4}. {5}</source>
        <translation>{0}: autograd {1}, 유한 차분 (ε = {2}) {3}, 상대 오차 {4}. {5}</translation>
    </message>
    <message>
        <source>Sample {0} (row {1})</source>
        <translation>샘플 {0} ({1}번 행)</translation>
    </message>
    <message>
        <source>Batch mean ({0} samples)</source>
        <translation>배치 평균 (샘플 {0}개)</translation>
    </message>
    <message>
        <source>weight w</source>
        <translation>가중치 w</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>편향 b</translation>
    </message>
    <message>
        <source>scale γ</source>
        <translation>스케일 γ</translation>
    </message>
    <message>
        <source>shift β</source>
        <translation>이동 β</translation>
    </message>
</context>
<context>
    <name>InsideStages</name>
    <message>
        <source>layer</source>
        <translation type="obsolete">계층</translation>
    </message>
</context>
<context>
    <name>InsideStep</name>
    <message>
        <source>Inside one step</source>
        <translation>한 스텝 들여다보기</translation>
    </message>
    <message>
        <source>Step Inside</source>
        <translation>스텝 들여다보기</translation>
    </message>
    <message>
        <source>Take the next training step and look inside it, stage by stage: forward pass, loss, backward pass and update, with your network&apos;s real numbers (Ctrl+I).</source>
        <translation>다음 학습 스텝을 진행하고 그 안을 단계별로 봅니다: 순전파, 손실, 역전파, 업데이트를 내 신경망의 실제 숫자로 (Ctrl+I).</translation>
    </message>
    <message>
        <source>Taking the next step…</source>
        <translation>다음 스텝을 진행하는 중…</translation>
    </message>
    <message>
        <source>Step Inside looks at one run, and a comparison trains several. Close the comparison (Training &gt; Close Comparison) to step inside your design&apos;s run.</source>
        <translation type="vanished">스텝 들여다보기는 실행 하나를 봅니다. 비교는 여러 실행을 학습합니다. 비교를 닫으면(학습 &gt; 비교 닫기) 내 설계의 실행을 들여다볼 수 있습니다.</translation>
    </message>
    <message>
        <source>The run has finished: there is no next step. Raise the number of epochs or press Reset, then Step Inside again.</source>
        <translation type="vanished">실행이 끝났습니다: 다음 스텝이 없습니다. 에포크 수를 늘리거나 초기화를 누른 뒤 다시 스텝 들여다보기를 누르세요.</translation>
    </message>
    <message>
        <source>The run diverged: its numbers are no longer finite. Lower the learning rate or press Reset, then Step Inside again.</source>
        <translation type="vanished">실행이 발산했습니다: 숫자가 더 이상 유한하지 않습니다. 학습률을 낮추거나 초기화를 누른 뒤 다시 스텝 들여다보기를 누르세요.</translation>
    </message>
    <message>
        <source>There is no run to step into: the design cannot train as it stands (the message above the output says why).</source>
        <translation type="vanished">들여다볼 실행이 없습니다: 지금 설계로는 학습할 수 없습니다 (출력 위의 메시지가 이유를 알려 줍니다).</translation>
    </message>
    <message>
        <source>The run started again: press Step Inside to look at its next step.</source>
        <translation>실행이 새로 시작되었습니다: 스텝 들여다보기를 눌러 다음 스텝을 보세요.</translation>
    </message>
</context>
<context>
    <name>LabMessages</name>
    <message>
        <source>{0} cannot multiply a {1} tensor by a {2} one: the first one&apos;s last size must equal the second one&apos;s first size ((a, b) @ (b, c) → (a, c)).</source>
        <translation>{0}은(는) 형태(shape) {1}인 텐서와 {2}인 텐서를 곱할 수 없습니다: 행렬 곱은 앞 텐서의 마지막 크기와 뒤 텐서의 첫 크기가 같아야 합니다 ((a, b) @ (b, c) → (a, c)).</translation>
    </message>
    <message>
        <source>{0} needs tensors of the right number of dimensions (mm: 2-D, bmm: 3-D); it got {1} and {2}.</source>
        <translation type="vanished">{0}에는 알맞은 차원 수의 텐서가 필요합니다 (mm: 2차원, bmm: 3차원). 받은 형태(shape): {1}, {2}.</translation>
    </message>
    <message>
        <source>{0} needs the same batch size (the first dimension) in both: {1} and {2} differ.</source>
        <translation>{0}은(는) 두 텐서의 배치 크기(첫 차원)가 같아야 합니다: {1}와(과) {2}는 다릅니다.</translation>
    </message>
    <message>
        <source>The sizes {0} and {1} at dimension {2} do not broadcast: sizes must be equal, or one of them 1.</source>
        <translation>차원 {2}의 크기 {0}와(과) {1}은(는) 브로드캐스팅되지 않습니다: 크기가 같거나 한쪽이 1이어야 합니다.</translation>
    </message>
    <message>
        <source>cat needs the same sizes outside dimension {2}: the first input has {0} there, input number {3} has {1}.</source>
        <translation>cat은 차원 {2} 밖의 크기가 모두 같아야 합니다: 첫 입력은 {0}, {3}번 입력은 {1}입니다.</translation>
    </message>
    <message>
        <source>cat needs inputs with the same number of dimensions.</source>
        <translation type="vanished">cat의 입력들은 차원 수가 같아야 합니다.</translation>
    </message>
    <message>
        <source>stack needs inputs of the same shape: the first is {0}, input number {2} is {1}.</source>
        <translation>stack의 입력들은 형태(shape)가 같아야 합니다: 첫 입력은 {0}, {2}번 입력은 {1}입니다.</translation>
    </message>
    <message>
        <source>The shape {0} does not fit {1} values: the sizes of the new shape must multiply to {1}.</source>
        <translation>형태(shape) {0}에는 값 {1}개가 맞지 않습니다: 새 형태의 크기를 모두 곱하면 {1}이어야 합니다.</translation>
    </message>
    <message>
        <source>view cannot rearrange this tensor&apos;s memory (it is not laid out in order, e.g. after permute); use reshape.</source>
        <translation>view는 이 텐서의 메모리를 바꿔 배치할 수 없습니다 (permute 뒤처럼 메모리가 순서대로 놓여 있지 않습니다). reshape를 쓰세요.</translation>
    </message>
    <message>
        <source>Dimension {0} does not exist here: this tensor&apos;s dimensions go from {1} to {2}.</source>
        <translation>차원 {0}은(는) 없습니다: 이 텐서의 차원은 {1}부터 {2}까지입니다.</translation>
    </message>
    <message>
        <source>Index {0} is outside dimension {1}, whose size is {2} (indices 0 to size − 1, or negative from the end).</source>
        <translation>인덱스 {0}은(는) 크기가 {2}인 차원 {1}의 범위 밖입니다 (인덱스는 0부터 크기 − 1까지, 또는 끝에서부터 음수).</translation>
    </message>
    <message>
        <source>{0} indices for a tensor of {1} dimensions: one index per dimension at most.</source>
        <translation type="vanished">{1}차원 텐서에 인덱스 {0}개: 인덱스는 차원마다 하나까지입니다.</translation>
    </message>
    <message>
        <source>{0} needs {1}-D tensors (mm: 2-D, bmm: 3-D).</source>
        <translation>{0}에는 {1}차원 텐서가 필요합니다 (mm: 2차원, bmm: 3차원).</translation>
    </message>
    <message>
        <source>cat needs inputs with the same number of dimensions: these have {0} and {1}.</source>
        <translation>cat의 입력들은 차원 수가 같아야 합니다: 이 입력들은 {0}차원과 {1}차원입니다.</translation>
    </message>
    <message>
        <source>The shapes {0} and {1} do not broadcast: compared from the last dimension, sizes must be equal, or one of them 1.</source>
        <translation>형태(shape) {0}와(과) {1}은(는) 브로드캐스팅되지 않습니다: 마지막 차원부터 비교해 크기가 같거나 한쪽이 1이어야 합니다.</translation>
    </message>
    <message>
        <source>A new shape may hold only one -1 (the size worked out).</source>
        <translation>새 형태(shape)에는 -1(자동으로 계산되는 크기)을 하나만 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>The values assigned do not fit the slice: it has size {0} at dimension {2}, the values {1}.</source>
        <translation>대입하는 값이 슬라이스에 맞지 않습니다: 차원 {2}에서 슬라이스의 크기는 {0}, 값의 크기는 {1}입니다.</translation>
    </message>
    <message>
        <source>permute needs an order of all {0} dimensions; it got {1}.</source>
        <translation>permute에는 {0}개 차원 전부의 순서가 필요합니다. 받은 것: {1}.</translation>
    </message>
    <message>
        <source>Two 1-D tensors of different lengths ({0} and {1}) cannot be multiplied: a product of two vectors needs the same length.</source>
        <translation>길이가 다른 1차원 텐서 두 개({0}, {1})는 곱할 수 없습니다: 두 벡터의 곱은 길이가 같아야 합니다.</translation>
    </message>
    <message>
        <source>The nested lists are not a rectangle: at depth {1} a list has {2} entries where {0} were expected; every row needs the same length.</source>
        <translation>중첩 리스트가 직사각형이 아닙니다: 깊이 {1}에서 {0}개여야 할 리스트에 {2}개가 있습니다. 모든 행의 길이가 같아야 합니다.</translation>
    </message>
    <message>
        <source>A matrix product needs both tensors of one dtype: these are {0} and {1} (convert one, e.g. .float()).</source>
        <translation>행렬 곱은 두 텐서의 자료형(dtype)이 같아야 합니다: 지금은 {0}와(과) {1}입니다 (하나를 바꾸세요, 예: .float()).</translation>
    </message>
    <message>
        <source>An in-place result of dtype {0} cannot be stored in a tensor of dtype {1}.</source>
        <translation>자료형(dtype)이 {0}인 제자리(in-place) 연산 결과는 자료형이 {1}인 텐서에 담을 수 없습니다.</translation>
    </message>
    <message>
        <source>This operation needs floating-point numbers, but the tensor&apos;s dtype is {0} (use dtype=torch.float, or .float()).</source>
        <translation>이 연산에는 실수가 필요하지만 텐서의 자료형(dtype)은 {0}입니다 (dtype=torch.float 또는 .float()를 쓰세요).</translation>
    </message>
    <message>
        <source>Too many indices for a tensor of {0} dimensions: one index per dimension at most.</source>
        <translation>{0}차원 텐서에 인덱스가 너무 많습니다: 인덱스는 차원마다 하나까지입니다.</translation>
    </message>
    <message>
        <source>A bad index: {0}</source>
        <translation>잘못된 인덱스: {0}</translation>
    </message>
    <message>
        <source>.item() needs a tensor with exactly one value; this one has {0} (use sum() first, or index one value).</source>
        <translation>.item()은 값이 정확히 하나인 텐서에만 쓸 수 있습니다. 이 텐서에는 {0}개가 있습니다 (먼저 sum()을 쓰거나, 값 하나를 인덱싱하세요).</translation>
    </message>
    <message>
        <source>A value of the wrong type: {0}</source>
        <translation>잘못된 자료형의 값: {0}</translation>
    </message>
    <message>
        <source>The name {0} is not defined: assign it first, or check its spelling.</source>
        <translation>이름 {0}이(가) 정의되지 않았습니다: 먼저 대입하거나 철자를 확인하세요.</translation>
    </message>
    <message>
        <source>A {0} has no attribute {1}.</source>
        <translation>{0}에는 속성 {1}이(가) 없습니다.</translation>
    </message>
    <message>
        <source>Python cannot read this code: {0} (line {1})</source>
        <translation>Python이 이 코드를 읽을 수 없습니다: {0} ({1}번째 줄)</translation>
    </message>
    <message>
        <source>The code ran longer than {0} seconds and was stopped (an endless loop, or too much work).</source>
        <translation>코드가 {0}초보다 오래 실행되어 멈췄습니다 (끝나지 않는 반복이거나 계산이 너무 많습니다).</translation>
    </message>
    <message>
        <source>The code needed more memory than the lab allows ({0} MB) and was stopped: try smaller tensors.</source>
        <translation>코드가 실습실이 허용하는 메모리({0} MB)보다 많이 필요해서 멈췄습니다: 더 작은 텐서를 써 보세요.</translation>
    </message>
    <message>
        <source>The code was stopped.</source>
        <translation>코드를 멈췄습니다.</translation>
    </message>
    <message>
        <source>The lab&apos;s process ended unexpectedly (exit code {0}); it starts again with the next run.</source>
        <translation>실습실 프로세스가 예기치 않게 끝났습니다 (종료 코드 {0}). 다음 실행 때 다시 시작합니다.</translation>
    </message>
    <message>
        <source>An error ({0}): {1}</source>
        <translation>오류 ({0}): {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation type="vanished">{0}: {1}</translation>
    </message>
    <message>
        <source>The code needed more memory than this computer could give and was stopped: try smaller tensors.</source>
        <translation>코드가 이 컴퓨터가 줄 수 있는 것보다 많은 메모리가 필요해서 멈췄습니다: 더 작은 텐서를 써 보세요.</translation>
    </message>
    <message>
        <source>Line {0}: {1}</source>
        <translation>{0}번째 줄: {1}</translation>
    </message>
    <message>
        <source>right</source>
        <translation>정답</translation>
    </message>
    <message>
        <source>the code stopped with an error; fix it first</source>
        <translation>코드가 오류로 멈췄습니다. 먼저 오류를 고치세요</translation>
    </message>
    <message>
        <source>end the code with the expression whose value is the answer</source>
        <translation>답이 되는 값을 내는 식으로 코드를 끝내세요</translation>
    </message>
    <message>
        <source>there is no variable {0}</source>
        <translation>변수 {0}이(가) 없습니다</translation>
    </message>
    <message>
        <source>the answer should be a Python {0}, not {1}</source>
        <translation>답은 {1}이(가) 아니라 Python {0}이어야 합니다</translation>
    </message>
    <message>
        <source>the answer should be a tensor, not {0}</source>
        <translation>답은 {0}이(가) 아니라 텐서여야 합니다</translation>
    </message>
    <message>
        <source>the shape should be {0}, not {1}</source>
        <translation>형태(shape)가 {1}이(가) 아니라 {0}이어야 합니다</translation>
    </message>
    <message>
        <source>the dtype should be {0}, not {1}</source>
        <translation>자료형(dtype)이 {1}이(가) 아니라 {0}이어야 합니다</translation>
    </message>
    <message>
        <source>the shape is right but some values are not</source>
        <translation>형태(shape)는 맞지만 값 일부가 틀렸습니다</translation>
    </message>
    <message>
        <source>the answer is far larger than it should be</source>
        <translation>답이 있어야 할 크기보다 훨씬 큽니다</translation>
    </message>
    <message>
        <source>{0} itself should change (in place), not be assigned a new tensor</source>
        <translation>새 텐서를 대입하지 말고 {0} 자체가 (제자리에서) 바뀌어야 합니다</translation>
    </message>
    <message>
        <source>the course&apos;s checks are not installed in this version yet</source>
        <translation type="vanished">이 버전에는 아직 과정의 정답 확인이 없습니다</translation>
    </message>
    <message>
        <source>the result does not match the task yet</source>
        <translation>결과가 아직 문제와 맞지 않습니다</translation>
    </message>
</context>
<context>
    <name>LabWindow</name>
    <message>
        <source>Tensor Lab — NN Playground</source>
        <translation>텐서 실습실 — NN Playground</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>예제</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>연습 문제</translation>
    </message>
    <message>
        <source>Type PyTorch code, e.g. torch.tensor([[1, 2], [3, 4]]), or pick an example. torch and np are ready. Ctrl+Enter runs it.</source>
        <translation>PyTorch 코드를 입력하거나 (예: torch.tensor([[1, 2], [3, 4]])) 예제를 고르세요. torch와 np는 준비되어 있습니다. Ctrl+Enter로 실행합니다.</translation>
    </message>
    <message>
        <source>Run (Ctrl+Enter)</source>
        <translation>실행 (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <source>Stop the code running now (the lab starts again for the next run)</source>
        <translation>지금 실행 중인 코드를 멈춥니다 (다음 실행 때 실습실이 다시 시작합니다)</translation>
    </message>
    <message>
        <source>What the code prints (print) appears here.</source>
        <translation>코드가 출력하는 내용(print)이 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>The course&apos;s examples are not installed in this version yet.</source>
        <translation>이 버전에는 아직 과정의 예제가 없습니다.</translation>
    </message>
    <message>
        <source>the first training sample</source>
        <translation>첫 번째 학습 샘플</translation>
    </message>
    <message>
        <source>the first {0} training samples</source>
        <translation>처음 {0}개의 학습 샘플</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0} of your network&lt;/b&gt; (Linear {1} → {2}) at step {3}: x is its input for {4}; weight and bias are its own, as training has made them. y is what the layer gives the next one.</source>
        <translation>&lt;b&gt;내 신경망의 {0}&lt;/b&gt; (Linear {1} → {2}), 스텝 {3}: x는 {4}에 대한 이 계층의 입력이고, weight(가중치)와 bias(편향)는 지금까지 학습된 이 계층의 값 그대로입니다. y는 이 계층이 다음 계층에 넘기는 값입니다.</translation>
    </message>
    <message>
        <source>Still running the previous code…</source>
        <translation>이전 코드를 아직 실행하는 중입니다…</translation>
    </message>
    <message>
        <source>Stopped with an error</source>
        <translation>오류로 멈췄습니다</translation>
    </message>
    <message>
        <source>Done in {0:.2f} s</source>
        <translation>{0:.2f}초 만에 완료</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; — your code gets these tensors: {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — 코드에 주어지는 텐서: {1}</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>실행하는 중…</translation>
    </message>
</context>
<context>
    <name>LayerEditor</name>
    <message>
        <source>The network, input at the top, output at the bottom. Each row shows the shape of the tensor the layer outputs, torch.Size([batch, units]), and how many weights and biases it learns.</source>
        <translation>신경망입니다. 위가 입력, 아래가 출력입니다. 각 행은 계층이 내보내는 텐서의 형태(shape) torch.Size([batch, units])와, 계층이 학습하는 가중치·편향의 개수를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Every weight and bias the optimizer adjusts. More parameters can fit more, but train slower and overfit more easily.</source>
        <translation>옵티마이저가 조정하는 모든 가중치와 편향입니다. 파라미터가 많을수록 더 복잡한 것을 맞출 수 있지만, 학습이 느리고 과적합되기 쉽습니다.</translation>
    </message>
    <message>
        <source>Weight init</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>+ Linear</source>
        <translation>+ Linear</translation>
    </message>
    <message>
        <source>Add a fully connected layer after the selected row: every unit sees every output of the layer before (torch.nn.Linear).</source>
        <translation>선택한 행 뒤에 완전 연결 계층 (Fully Connected)을 추가합니다. 각 뉴런이 앞 계층의 모든 출력을 받습니다(torch.nn.Linear).</translation>
    </message>
    <message>
        <source>+ BatchNorm</source>
        <translation>+ BatchNorm</translation>
    </message>
    <message>
        <source>Add batch normalization after the selected row: it rescales each feature to mean 0 and variance 1 over the batch, then learns a scale and shift. This keeps the next layer&apos;s inputs steady while earlier weights change (internal covariate shift).</source>
        <translation>선택한 행 뒤에 배치 정규화 (Batch Normalization)를 추가합니다. 배치마다 각 특성을 평균 0, 분산 1로 맞춘 뒤, 크기 조정과 이동을 학습합니다. 앞쪽 가중치가 바뀌는 동안에도 다음 계층의 입력을 안정적으로 유지해 줍니다(내부 공변량 변화).</translation>
    </message>
    <message>
        <source>+ Dropout</source>
        <translation>+ Dropout</translation>
    </message>
    <message>
        <source>Add dropout after the selected row: while training, each unit is switched off at random, so the network cannot rely on any single unit (fights overfitting).</source>
        <translation>선택한 행 뒤에 드롭아웃을 추가합니다. 학습하는 동안 뉴런을 무작위로 꺼서, 신경망이 어느 한 뉴런에 기대지 못하게 합니다(과적합 방지).</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Remove the selected layer (Delete).</source>
        <translation>선택한 계층을 삭제합니다(Delete).</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Move the selected layer towards the input (Alt+Up).</source>
        <translation>선택한 계층을 입력 쪽으로 옮깁니다(Alt+Up).</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Move the selected layer towards the output (Alt+Down).</source>
        <translation>선택한 계층을 출력 쪽으로 옮깁니다(Alt+Down).</translation>
    </message>
    <message>
        <source>How the weights are set before training. Good scales keep signals and gradients from shrinking or growing layer by layer.</source>
        <translation>학습 전에 가중치를 정하는 방법입니다. 크기를 잘 잡으면 신호와 기울기가 계층을 지날 때마다 줄어들거나 커지지 않습니다.</translation>
    </message>
    <message>
        <source>Change units</source>
        <translation>뉴런 수 변경</translation>
    </message>
    <message>
        <source>Change dropout</source>
        <translation>드롭아웃 변경</translation>
    </message>
    <message>
        <source>Change batch-norm momentum</source>
        <translation>배치 정규화 모멘텀 변경</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>활성 함수 변경</translation>
    </message>
    <message>
        <source>Total: {0} trainable parameters</source>
        <translation>합계: 학습 가능한 파라미터 {0}개</translation>
    </message>
    <message>
        <source>Linear {0}</source>
        <translation type="vanished">Linear {0}</translation>
    </message>
    <message>
        <source>BatchNorm {0}</source>
        <translation type="vanished">BatchNorm {0}</translation>
    </message>
    <message>
        <source>Dropout {0}</source>
        <translation type="vanished">Dropout {0}</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>no features</source>
        <translation>특성 없음</translation>
    </message>
    <message>
        <source>64 pixels</source>
        <translation>64 픽셀</translation>
    </message>
    <message>
        <source>? columns</source>
        <translation>? 열</translation>
    </message>
    <message>
        <source>{0} columns</source>
        <translation>열 {0}개</translation>
    </message>
    <message>
        <source>1 column</source>
        <translation>열 1개</translation>
    </message>
    <message>
        <source>What the network receives for each point: one number per input feature, a row of the input tensor.</source>
        <translation>신경망이 각 점에서 받는 값입니다: 입력 특성마다 숫자 하나, 즉 입력 텐서의 한 행입니다.</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>뉴런 1개</translation>
    </message>
    <message>
        <source>{0} units</source>
        <translation>뉴런 {0}개</translation>
    </message>
    <message>
        <source>sigmoid in the loss</source>
        <translation>sigmoid (손실에 포함)</translation>
    </message>
    <message>
        <source>The output unit gives a raw score (logit); binary cross-entropy applies the sigmoid itself, which is numerically safer. The sigmoid of the score is the chance of class 1.</source>
        <translation>출력 뉴런은 가공하지 않은 점수(로짓, logit)를 냅니다. sigmoid는 이진 교차 엔트로피가 직접 적용하며, 이쪽이 수치적으로 더 안전합니다. 점수의 sigmoid 값이 클래스 1일 확률입니다.</translation>
    </message>
    <message>
        <source>softmax in the loss</source>
        <translation>softmax (손실에 포함)</translation>
    </message>
    <message>
        <source>One raw score (logit) per class; cross-entropy applies the softmax itself, which is numerically safer. The softmax turns the scores into chances that add up to 1.</source>
        <translation>클래스마다 가공하지 않은 점수(로짓, logit)가 하나씩 나옵니다. softmax는 교차 엔트로피가 직접 적용하며, 이쪽이 수치적으로 더 안전합니다. softmax는 점수들을 합이 1인 확률로 바꿉니다.</translation>
    </message>
    <message>
        <source>identity</source>
        <translation>항등 함수</translation>
    </message>
    <message>
        <source>Regression: the output is the predicted number itself, with no activation.</source>
        <translation>회귀: 출력이 곧 예측한 숫자이며, 활성 함수가 없습니다.</translation>
    </message>
    <message>
        <source>The output layer is added to fit the loss: one unit for binary cross-entropy and regression, one per class for cross-entropy.</source>
        <translation>출력층은 손실 함수에 맞춰 붙습니다: 이진 교차 엔트로피와 회귀는 뉴런 1개, 교차 엔트로피는 클래스마다 1개입니다.</translation>
    </message>
    <message>
        <source>Layers: {0} parameters is more than this app trains live ({1}); use fewer or narrower layers.</source>
        <translation>계층: 파라미터 {0}개는 이 앱이 실시간으로 학습할 수 있는 양({1}개)보다 많습니다. 계층 수나 뉴런 수를 줄이세요.</translation>
    </message>
    <message>
        <source>The stack is full: at most {0} hidden layers.</source>
        <translation>더 쌓을 수 없습니다: 은닉층은 최대 {0}개입니다.</translation>
    </message>
    <message>
        <source>Add Linear layer</source>
        <translation>Linear 계층 추가</translation>
    </message>
    <message>
        <source>Add BatchNorm layer</source>
        <translation>BatchNorm 계층 추가</translation>
    </message>
    <message>
        <source>Add Dropout layer</source>
        <translation>Dropout 계층 추가</translation>
    </message>
    <message>
        <source>Remove layer</source>
        <translation>계층 삭제</translation>
    </message>
    <message>
        <source>Move layer up</source>
        <translation>계층 위로 이동</translation>
    </message>
    <message>
        <source>Move layer down</source>
        <translation>계층 아래로 이동</translation>
    </message>
    <message>
        <source>Change weight init</source>
        <translation>가중치 초기화 변경</translation>
    </message>
</context>
<context>
    <name>LayerOperation</name>
    <message>
        <source>Open in Tensor Lab</source>
        <translation>텐서 실습실에서 열기</translation>
    </message>
    <message>
        <source>Open this layer in the Tensor Lab with your network&apos;s live tensors: its weight and bias as they are now, and its input x for the first training samples. The lab runs it as this one tensor operation.</source>
        <translation>이 계층을 내 신경망의 실제 텐서와 함께 텐서 실습실에서 엽니다: 지금의 weight(가중치)와 bias(편향), 그리고 처음 몇 개 학습 샘플에 대한 입력 x입니다. 실습실은 이 계층을 이 하나의 텐서 연산으로 실행합니다.</translation>
    </message>
    <message>
        <source>{0} as a tensor operation: {1}</source>
        <translation>{0}의 텐서 연산: {1}</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>x ({0}, {1}) · mask ({0}, {1}) / (1 − {2}) → y ({0}, {1}) while training; y = x when evaluating</source>
        <translation>학습 중: x ({0}, {1}) · mask ({0}, {1}) / (1 − {2}) → y ({0}, {1}); 평가할 때: y = x</translation>
    </message>
    <message>
        <source>A Linear layer is one matrix product and one addition for the whole batch: each row of x (one sample) times the transposed weight matrix, plus the bias, broadcast over the batch.</source>
        <translation>Linear 계층은 배치 전체에 대한 행렬 곱 한 번과 덧셈 한 번입니다: x의 각 행(샘플 하나)에 전치한 가중치 행렬을 곱하고, 편향을 배치 전체에 브로드캐스팅해 더합니다.</translation>
    </message>
    <message>
        <source>Batch normalization works unit by unit: μ and σ² are each unit&apos;s mean and variance over the batch while training (the running averages when evaluating), γ and β are learned.</source>
        <translation>배치 정규화(Batch Normalization)는 유닛마다 따로 계산합니다: μ와 σ²는 학습 중에는 배치에 대한 각 유닛의 평균과 분산(평가할 때는 이동 평균)이고, γ와 β는 학습됩니다.</translation>
    </message>
    <message>
        <source>Dropout multiplies each value by a random mask of 0s and 1s and scales up the survivors by 1/(1 − p), so that the expected value stays the same.</source>
        <translation>드롭아웃은 각 값에 0과 1로 된 무작위 마스크를 곱하고, 살아남은 값은 1/(1 − p)배 키워서 기댓값이 그대로 유지되게 합니다.</translation>
    </message>
</context>
<context>
    <name>LayerRow</name>
    <message>
        <source>The shape of the tensor this layer outputs, as torch prints it: [rows in a batch, units], and how many weights and biases the layer learns.</source>
        <translation>이 계층이 내보내는 텐서의 형태(shape)를 torch가 출력하는 모양 그대로([배치의 행 수, 뉴런 수]) 보여 주고, 이 계층이 학습하는 가중치와 편향의 개수도 보여 줍니다.</translation>
    </message>
    <message>
        <source>Units (neurons) in this fully connected layer. Each computes a weighted sum of all outputs of the layer before, plus a bias. More units fit more complex shapes.</source>
        <translation>이 완전 연결 계층의 뉴런(유닛) 수입니다. 각 뉴런은 앞 계층의 모든 출력에 가중치를 곱해 더한 뒤 편향을 더합니다. 뉴런이 많을수록 더 복잡한 모양을 맞출 수 있습니다.</translation>
    </message>
    <message>
        <source>The chance that each unit is switched off in a training step. The network cannot rely on any single unit, which fights overfitting. Nothing is dropped when evaluating.</source>
        <translation>학습 스텝에서 각 뉴런이 꺼질 확률입니다. 신경망이 어느 한 뉴런에 기댈 수 없게 되어 과적합을 막습니다. 평가할 때는 아무것도 끄지 않습니다.</translation>
    </message>
    <message>
        <source>Batch-norm momentum: the weight of the newest batch in the running mean and variance (0.1 keeps about the last 10 batches). The running averages are used when evaluating; training uses each batch&apos;s own statistics.</source>
        <translation>배치 정규화 모멘텀: 누적 평균과 분산에서 가장 최근 배치가 차지하는 비중입니다(0.1이면 대략 최근 10개 배치를 반영합니다). 누적 평균은 평가할 때 쓰고, 학습할 때는 각 배치 자체의 통계를 씁니다.</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Momentum of the running mean and variance: the weight of the newest batch in the averages used when evaluating (training uses each batch&apos;s own statistics).</source>
        <translation type="vanished">누적 평균과 분산의 모멘텀: 평가할 때 쓰는 평균에서 가장 최근 배치가 차지하는 비중입니다(학습할 때는 각 배치 자체의 통계를 씁니다).</translation>
    </message>
    <message>
        <source>The activation function applied to this layer&apos;s outputs. Without a non-linear one, the whole network can only draw straight boundaries.</source>
        <translation>이 계층의 출력에 적용하는 활성 함수입니다. 비선형 함수가 없으면 신경망 전체가 직선 경계밖에 그리지 못합니다.</translation>
    </message>
    <message>
        <source>{0} · {1} parameters</source>
        <translation>{0} · 파라미터 {1}개</translation>
    </message>
</context>
<context>
    <name>LessonList</name>
    <message>
        <source>The neuron and the perceptron</source>
        <translation type="vanished">뉴런과 퍼셉트론</translation>
    </message>
    <message>
        <source>Feed-forward networks and XOR</source>
        <translation type="vanished">피드 포워드 신경망과 XOR</translation>
    </message>
    <message>
        <source>Loss functions</source>
        <translation type="vanished">손실 함수</translation>
    </message>
    <message>
        <source>Gradient descent and the learning rate</source>
        <translation type="vanished">경사하강법과 학습률</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation type="vanished">옵티마이저</translation>
    </message>
    <message>
        <source>Back-propagation</source>
        <translation type="vanished">역전파</translation>
    </message>
    <message>
        <source>Activation functions and vanishing gradients</source>
        <translation type="vanished">활성 함수와 기울기 소실</translation>
    </message>
    <message>
        <source>Batches, mini-batches and epochs</source>
        <translation type="vanished">배치, 미니배치와 에포크</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation type="vanished">배치 정규화 (Batch Normalization)</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>학습 과정</translation>
    </message>
    <message>
        <source>Each lesson opens a design to train, asks a question first and checks its goals on your run. Pick one and press Open.</source>
        <translation>과정마다 학습할 설계를 열고, 먼저 질문을 하나 묻고, 여러분의 학습에서 목표를 확인합니다. 하나를 골라 열기를 누르세요.</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>과정</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>진행</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Start Over</source>
        <translation>처음부터 다시</translation>
    </message>
    <message>
        <source>Open the lesson afresh: its goals met and your answer are forgotten.</source>
        <translation>과정을 새로 엽니다: 달성한 목표와 내 답은 지워집니다.</translation>
    </message>
    <message>
        <source>Open Lesson File…</source>
        <translation>과정 파일 열기…</translation>
    </message>
    <message>
        <source>Open a lesson file, e.g. one your teacher wrote.</source>
        <translation>과정 파일을 엽니다 (예: 강사가 만든 파일).</translation>
    </message>
    <message>
        <source>✔ Done</source>
        <translation>✔ 완료</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>진행 중</translation>
    </message>
</context>
<context>
    <name>LessonMessages</name>
    <message>
        <source>missing: this is not an NN Playground lesson file (expected &quot;format&quot;: &quot;{0}&quot;)</source>
        <translation>없음: NN Playground 과정 파일이 아닙니다(&quot;format&quot;: &quot;{0}&quot;이 있어야 합니다)</translation>
    </message>
    <message>
        <source>{0} is wrong: this is not an NN Playground lesson file (expected &quot;format&quot;: &quot;{1}&quot;)</source>
        <translation>{0}은(는) 틀렸습니다: NN Playground 과정 파일이 아닙니다(&quot;format&quot;: &quot;{1}&quot;이어야 합니다)</translation>
    </message>
    <message>
        <source>missing: a lesson file states its format version (this app reads {0})</source>
        <translation>없음: 과정 파일에는 형식 버전이 적혀 있어야 합니다(이 앱은 {0}을 읽습니다)</translation>
    </message>
    <message>
        <source>must be a whole number from 1 (got {0})</source>
        <translation>1 이상의 정수여야 합니다 (받은 값: {0})</translation>
    </message>
    <message>
        <source>this lesson was written for a newer NN Playground (format version {0}); this version reads up to {1}: update the app</source>
        <translation>더 새로운 NN Playground용으로 쓴 과정입니다(형식 버전 {0}). 이 버전은 {1}까지만 읽습니다: 앱을 업데이트하세요</translation>
    </message>
    <message>
        <source>unknown field (not part of a lesson)</source>
        <translation>알 수 없는 항목입니다 (과정에 없는 항목)</translation>
    </message>
    <message>
        <source>must be an index into the {0} choices (0 to {1})</source>
        <translation>보기 {0}개 중 하나의 번호여야 합니다 (0부터 {1}까지)</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; names an earlier goal too</source>
        <translation>&apos;{0}&apos;은(는) 앞의 목표와 이름이 같습니다</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not an earlier goal of this lesson</source>
        <translation>&apos;{0}&apos;은(는) 이 과정의 앞선 목표가 아닙니다</translation>
    </message>
    <message>
        <source>has either &quot;changes&quot; and &quot;steps&quot; or a &quot;sequence&quot;, not both</source>
        <translation>&quot;changes&quot;와 &quot;steps&quot;, 또는 &quot;sequence&quot; 중 한쪽만 있어야 합니다(둘 다는 안 됩니다)</translation>
    </message>
    <message>
        <source>must be a condition: {&quot;metric&quot;: ...}, {&quot;setting&quot;: ...}, {&quot;all&quot;: [...]} or {&quot;any&quot;: [...]}</source>
        <translation>조건이어야 합니다: {&quot;metric&quot;: ...}, {&quot;setting&quot;: ...}, {&quot;all&quot;: [...]} 또는 {&quot;any&quot;: [...]}</translation>
    </message>
    <message>
        <source>has none of &quot;metric&quot;, &quot;setting&quot;, &quot;all&quot;, &quot;any&quot;: a condition is one of them</source>
        <translation>&quot;metric&quot;, &quot;setting&quot;, &quot;all&quot;, &quot;any&quot; 중 아무것도 없습니다: 조건은 이 중 하나입니다</translation>
    </message>
    <message>
        <source>has more than one of &quot;metric&quot;, &quot;setting&quot;, &quot;all&quot;, &quot;any&quot;: a condition is one of them</source>
        <translation>&quot;metric&quot;, &quot;setting&quot;, &quot;all&quot;, &quot;any&quot; 중 둘 이상이 있습니다: 조건은 이 중 하나입니다</translation>
    </message>
    <message>
        <source>unknown field (not part of a condition)</source>
        <translation>알 수 없는 항목입니다 (조건에 없는 항목)</translation>
    </message>
    <message>
        <source>conditions nest at most {0} deep</source>
        <translation>조건은 최대 {0}단계까지만 겹칠 수 있습니다</translation>
    </message>
    <message>
        <source>must be a list of 1 to {0} conditions</source>
        <translation>조건 1~{0}개의 목록이어야 합니다</translation>
    </message>
    <message>
        <source>must be a run&apos;s index (0 to {0}), &quot;any&quot; or &quot;each&quot; (got {1})</source>
        <translation>실행 번호(0부터 {0}까지), &quot;any&quot; 또는 &quot;each&quot;여야 합니다 (받은 값: {1})</translation>
    </message>
    <message>
        <source>unknown metric &apos;{0}&apos; (choose from: {1})</source>
        <translation>알 수 없는 지표 &apos;{0}&apos; (다음 중에서 고르세요: {1})</translation>
    </message>
    <message>
        <source>must be a design setting&apos;s path, such as &quot;optimizer.name&quot;</source>
        <translation>&quot;optimizer.name&quot;처럼 설계 설정의 경로여야 합니다</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not a setting a lesson may test: {1}</source>
        <translation>&apos;{0}&apos;은(는) 과정이 확인할 수 있는 설정이 아닙니다: {1}</translation>
    </message>
    <message>
        <source>must be a text, a number or true/false</source>
        <translation>문자열, 숫자 또는 true/false여야 합니다</translation>
    </message>
    <message>
        <source>missing: one of {0}</source>
        <translation>없음: {0} 중 하나가 있어야 합니다</translation>
    </message>
    <message>
        <source>&apos;{0}&apos; is not one of {1}</source>
        <translation>&apos;{0}&apos;은(는) {1} 중 하나가 아닙니다</translation>
    </message>
    <message>
        <source>must be a number (got {0})</source>
        <translation>숫자여야 합니다 (받은 값: {0})</translation>
    </message>
</context>
<context>
    <name>LessonNote</name>
    <message>
        <source>Fold the explanation to its title line (Ctrl+L).</source>
        <translation>설명을 제목 줄만 남기고 접습니다 (Ctrl+L).</translation>
    </message>
    <message>
        <source>Show the explanation again (Ctrl+L).</source>
        <translation>설명을 다시 펼칩니다 (Ctrl+L).</translation>
    </message>
    <message>
        <source>Hide explanation</source>
        <translation>설명 접기</translation>
    </message>
    <message>
        <source>Show explanation</source>
        <translation>설명 펼치기</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Before you train</source>
        <translation>학습하기 전에</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>답하기</translation>
    </message>
    <message>
        <source>Keep this answer; it is checked once the goals are met or the run ends.</source>
        <translation>이 답을 정합니다. 목표를 달성하거나 학습이 끝나면 정답을 확인합니다.</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>건너뛰기</translation>
    </message>
    <message>
        <source>Train without answering.</source>
        <translation>답하지 않고 학습합니다.</translation>
    </message>
    <message>
        <source>Goals</source>
        <translation>목표</translation>
    </message>
    <message>
        <source>Hints</source>
        <translation>힌트</translation>
    </message>
    <message>
        <source>Show a hint</source>
        <translation>힌트 보기</translation>
    </message>
    <message>
        <source>Show the next hint now.</source>
        <translation>다음 힌트를 지금 봅니다.</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>처음부터 다시</translation>
    </message>
    <message>
        <source>Forget this lesson&apos;s goals met, your answer and the hints shown, and load its start again.</source>
        <translation>이 과정에서 달성한 목표, 내 답, 본 힌트를 지우고 시작 설계를 다시 불러옵니다.</translation>
    </message>
    <message>
        <source>Your guess</source>
        <translation>내 예측</translation>
    </message>
    <message>
        <source>Hide the question</source>
        <translation>질문 접기</translation>
    </message>
    <message>
        <source>Show the question again</source>
        <translation>질문 다시 보기</translation>
    </message>
    <message>
        <source>Not met yet</source>
        <translation>아직 달성하지 않음</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>달성</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>Lesson</source>
        <translation>학습 과정</translation>
    </message>
    <message>
        <source>&amp;Lessons…</source>
        <translation>학습 과정(&amp;L)…</translation>
    </message>
    <message>
        <source>The course&apos;s lessons, stage by stage: each opens a design, asks a question and checks goals on your run (Ctrl+Shift+L).</source>
        <translation>단계별 학습 과정: 과정마다 설계를 열고, 질문을 묻고, 여러분의 학습에서 목표를 확인합니다 (Ctrl+Shift+L).</translation>
    </message>
    <message>
        <source>Open Lesson &amp;File…</source>
        <translation>과정 파일 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Open a lesson file, e.g. one your teacher wrote.</source>
        <translation>과정 파일을 엽니다 (예: 강사가 만든 파일).</translation>
    </message>
    <message>
        <source>The lessons could not be read</source>
        <translation>학습 과정을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Open Lesson File</source>
        <translation>과정 파일 열기</translation>
    </message>
    <message>
        <source>NN Playground lessons (*.json);;All files (*)</source>
        <translation>NN Playground 과정 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>The lesson could not be opened</source>
        <translation>과정을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Start Over</source>
        <translation>처음부터 다시</translation>
    </message>
    <message>
        <source>Start “{0}” over? The goals met and your answer are forgotten, and its start is loaded again.</source>
        <translation>“{0}” 과정을 처음부터 다시 할까요? 달성한 목표와 내 답은 지워지고 시작 설계를 다시 불러옵니다.</translation>
    </message>
    <message>
        <source>Skipped. The answer shows once the goals are met or the run ends. Now train.</source>
        <translation>건너뛰었습니다. 목표를 달성하거나 학습이 끝나면 정답이 보입니다. 이제 학습하세요.</translation>
    </message>
    <message>
        <source>Your answer: {0}. It is checked once the goals are met or the run ends. Now train.</source>
        <translation>내 답: {0}. 목표를 달성하거나 학습이 끝나면 확인합니다. 이제 학습하세요.</translation>
    </message>
    <message>
        <source>Right: {0}.</source>
        <translation>정답입니다: {0}.</translation>
    </message>
    <message>
        <source>The answer: {0}.</source>
        <translation>정답: {0}.</translation>
    </message>
    <message>
        <source>Not quite: the answer is {0}.</source>
        <translation>아쉽네요: 정답은 {0}입니다.</translation>
    </message>
    <message>
        <source>Answer the lesson&apos;s question (or skip it) first, then train.</source>
        <translation>먼저 과정의 질문에 답하고 (또는 건너뛰고) 학습하세요.</translation>
    </message>
    <message>
        <source>Met in an earlier session, at step {0} of run {1}.</source>
        <translation>지난번에 달성: 실행 {1}의 스텝 {0}.</translation>
    </message>
    <message>
        <source>Met at step {0} of run {1}.</source>
        <translation>달성: 실행 {1}의 스텝 {0}.</translation>
    </message>
</context>
<context>
    <name>LookChoices</name>
    <message>
        <source>Projector Mode</source>
        <translation>프로젝터 모드</translation>
    </message>
    <message>
        <source>Larger text and thicker lines, for a classroom&apos;s projector or a screen seen from afar ({0}).</source>
        <translation>더 큰 글자와 더 굵은 선: 강의실 프로젝터나 멀리서 보는 화면에 알맞습니다 ({0}).</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>색상</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>기본</translation>
    </message>
    <message>
        <source>Colour-Blind Safe</source>
        <translation>색각 이상 친화 색상</translation>
    </message>
    <message>
        <source>Colours told apart with every common colour vision (Okabe-Ito), a map from orange to blue for values, and a line on the decision boundary.</source>
        <translation>흔한 색각 이상이 있어도 구별되는 색 (Okabe-Ito), 값을 나타내는 주황–파랑 색 지도, 결정 경계를 따라 그린 선.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language is used from the next time NN Playground starts.</source>
        <translation>새 언어는 NN Playground를 다음에 시작할 때부터 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>LossPlot</name>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Epochs: one epoch is one pass over the whole training set; the ticks mark where each begins.</source>
        <translation>에포크: 한 에포크는 학습 데이터 전체를 한 번 훑는 것입니다. 눈금은 각 에포크가 시작되는 곳입니다.</translation>
    </message>
    <message>
        <source>The loss: how far the network&apos;s answers are from the right ones; training pushes it down.
Faint line: the loss of each training step (one batch). Solid line: its smoothed trend.
Dashed line: the loss on the whole training set; orange: on the test set, which the network never trains on. A test loss rising while the training loss falls means overfitting.
Scroll to zoom, drag to pan; the &apos;A&apos; button in the corner shows everything again.</source>
        <translation>손실: 신경망의 답이 정답에서 얼마나 먼지 나타내며, 학습은 이 값을 낮춥니다.
흐린 선: 각 학습 스텝(배치 하나)의 손실. 진한 선: 그 손실을 매끄럽게 만든 추세.
점선: 학습 데이터 전체의 손실. 주황색: 신경망이 한 번도 학습하지 않는 테스트 데이터의 손실. 학습 손실은 줄어드는데 테스트 손실이 오르면 과적합입니다.
스크롤하면 확대/축소, 드래그하면 이동합니다. 구석의 &apos;A&apos; 버튼을 누르면 전체가 다시 보입니다.</translation>
    </message>
    <message>
        <source>loss per step</source>
        <translation>스텝별 손실</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>추세</translation>
    </message>
    <message>
        <source>training set</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <source>test set</source>
        <translation>테스트 데이터</translation>
    </message>
    <message>
        <source>accuracy %</source>
        <translation>정확도 %</translation>
    </message>
    <message>
        <source>Accuracy: the share of points whose class the network gets right, on the training set (blue) and on the test set (orange).</source>
        <translation>정확도: 신경망이 클래스를 맞힌 점의 비율입니다. 학습 데이터(파란색)와 테스트 데이터(주황색)에서 잽니다.</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Smoothing of the solid loss line: an exponential moving average, as in TensorBoard. 0 shows the raw loss of every step; near 1 averages over many steps.</source>
        <translation>진한 손실 선을 얼마나 매끄럽게 할지입니다: TensorBoard와 같은 지수 이동 평균입니다. 0이면 모든 스텝의 손실을 그대로 보여 주고, 1에 가까우면 많은 스텝을 평균합니다.</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>평활화</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>Logarithmic loss axis: each grid step is ten times smaller, so progress late in training stays visible. A loss of exactly zero cannot be drawn on it and is left out.</source>
        <translation>손실 축을 로그 눈금으로 그립니다: 격자 한 칸마다 10배씩 작아져서, 학습 후반의 진전도 잘 보입니다. 정확히 0인 손실은 로그 축에 그릴 수 없어 빠집니다.</translation>
    </message>
    <message>
        <source>All steps</source>
        <translation>전체 스텝</translation>
    </message>
    <message>
        <source>Recent steps</source>
        <translation>최근 스텝</translation>
    </message>
    <message>
        <source>Log steps</source>
        <translation>로그 스텝</translation>
    </message>
    <message>
        <source>How the step axis shows a long run.
All steps: the whole run on an even axis; after many steps the early fall of the loss is squeezed against the left edge.
Recent steps: the last {0} steps, following the run.
Log steps: steps 1, 10, 100, 1,000... equally far apart, so the early fall and the latest steps are both in view.</source>
        <translation>긴 학습을 스텝 축에 어떻게 보여 줄지 고릅니다.
전체 스텝: 학습 전체를 균등한 축에 그립니다. 스텝이 많아지면 손실이 처음에 떨어지는 부분이 왼쪽 끝에 몰립니다.
최근 스텝: 가장 최근 {0} 스텝을 학습을 따라가며 보여 줍니다.
로그 스텝: 스텝 1, 10, 100, 1,000...을 같은 간격으로 놓아, 처음에 손실이 떨어지는 부분과 최근 스텝이 함께 보입니다.</translation>
    </message>
    <message>
        <source>Completed epochs (passes over the whole training set) and training steps (parameter updates, one per batch).</source>
        <translation>마친 에포크 수(학습 데이터 전체를 한 번 훑기)와 학습 스텝 수(배치마다 한 번의 파라미터 갱신)입니다.</translation>
    </message>
    <message>
        <source>Epoch {epoch} · step {step}</source>
        <translation>에포크 {epoch} · 스텝 {step}</translation>
    </message>
</context>
<context>
    <name>Losses</name>
    <message>
        <source>Mean squared error (L2): the average squared gap between prediction and target. Big errors count a lot, so it is sensitive to outliers.</source>
        <translation>평균 제곱 오차 (MSE, L2 Loss): 예측과 목표값 차이를 제곱해서 평균한 값입니다. 큰 오차가 크게 반영되므로 이상치에 민감합니다.</translation>
    </message>
    <message>
        <source>Mean absolute error (L1): the average gap itself. Every error counts in proportion, so it is robust to outliers.</source>
        <translation>평균 절대 오차 (MAE, L1 Loss): 차이의 절댓값을 평균한 값입니다. 모든 오차가 크기에 비례해 반영되므로 이상치에 강합니다.</translation>
    </message>
    <message>
        <source>Huber: squared for small errors, absolute for large ones: smooth near the target, robust to outliers.</source>
        <translation>Huber: 작은 오차는 제곱으로, 큰 오차는 절댓값으로 셉니다. 목표값 근처에서 매끄럽고 이상치에 강합니다.</translation>
    </message>
    <message>
        <source>Cross-entropy: the softmax of one score per class gives chances; the loss is minus the log of the chance given to the true class. For two or more classes.</source>
        <translation>교차 엔트로피 (CE): 클래스마다 나온 점수를 softmax에 넣어 확률을 얻고, 정답 클래스 확률의 로그에 마이너스를 붙인 값이 손실입니다. 클래스가 둘 이상일 때(다중 분류) 씁니다.</translation>
    </message>
    <message>
        <source>Binary cross-entropy: the sigmoid of one score is the chance of class 1; the loss is minus the log of the chance given to the true class. For two classes.</source>
        <translation>이진 교차 엔트로피 (BCE): 점수 하나의 sigmoid 값이 클래스 1일 확률이고, 정답 클래스 확률의 로그에 마이너스를 붙인 값이 손실입니다. 클래스가 둘일 때(이진 분류) 씁니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Choose the data set, its noise and the input features.</source>
        <translation>데이터셋과 노이즈, 입력 특성을 고릅니다.</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>계층</translation>
    </message>
    <message>
        <source>Stack the hidden layers of the network.</source>
        <translation>신경망의 은닉층을 쌓습니다.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Loss function, optimizer, batches and epochs.</source>
        <translation>손실 함수, 옵티마이저, 배치와 에포크를 정합니다.</translation>
    </message>
    <message>
        <source>Design</source>
        <translation type="vanished">설계</translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="vanished">신경망</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="vanished">손실</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation type="vanished">기울기 흐름</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation type="vanished">배치 정규화</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="vanished">학습</translation>
    </message>
    <message>
        <source>Start or pause training (Space). Each step updates the weights against the gradient of the loss.</source>
        <translation type="vanished">학습을 시작하거나 일시 정지합니다(Space). 각 스텝은 손실의 기울기 반대 방향으로 가중치를 갱신합니다.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="vanished">스텝</translation>
    </message>
    <message>
        <source>Train one batch: one forward pass, one backward pass, one optimizer step (.).</source>
        <translation type="vanished">배치 하나만 학습합니다: 순전파 한 번, 역전파 한 번, 옵티마이저 스텝 한 번(.).</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation type="vanished">에포크</translation>
    </message>
    <message>
        <source>Train until the end of the current epoch: one pass over the training data (Ctrl+E).</source>
        <translation type="vanished">현재 에포크가 끝날 때까지 학습합니다: 학습 데이터를 한 번 훑습니다(Ctrl+E).</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="vanished">초기화</translation>
    </message>
    <message>
        <source>Start again from new random initial weights on the same data (Ctrl+R).</source>
        <translation type="vanished">같은 데이터에서 새 무작위 초기 가중치로 다시 시작합니다(Ctrl+R).</translation>
    </message>
    <message>
        <source>Compiled training step</source>
        <translation type="vanished">컴파일된 학습 스텝</translation>
    </message>
    <message>
        <source>Compile each training step with torch.compile when a C++ compiler is available: the same results, several times faster on small networks. Training runs eagerly while it compiles.</source>
        <translation type="vanished">C++ 컴파일러가 있으면 학습 스텝을 torch.compile로 컴파일합니다: 결과는 같고, 작은 신경망에서는 몇 배 빠릅니다. 컴파일하는 동안에는 즉시 실행(eager)으로 학습합니다.</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Show or fold the explanation of the open design: what to try and what to watch (Ctrl+L).</source>
        <translation>열려 있는 설계의 설명(무엇을 해 보고 무엇을 지켜볼지)을 펼치거나 접습니다 (Ctrl+L).</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>L&amp;essons</source>
        <translation>학습 과정(&amp;E)</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="vanished">레이아웃 초기화</translation>
    </message>
    <message>
        <source>Put every panel back where it started.</source>
        <translation type="vanished">모든 패널을 처음 위치로 되돌립니다.</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation type="vanished">테마</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="vanished">시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="vanished">밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="vanished">어둡게</translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="vanished">언어</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">단축키</translation>
    </message>
    <message>
        <source>About NN Playground</source>
        <translation type="vanished">NN Playground 정보</translation>
    </message>
    <message>
        <source>Training controls</source>
        <translation type="vanished">학습 제어</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="vanished">속도</translation>
    </message>
    <message>
        <source>Training speed in steps per second (one step = one batch: forward pass, backward pass, update). Slow it down to watch each step, or let it run as fast as it can (max).</source>
        <translation type="vanished">초당 스텝 수로 나타낸 학습 속도입니다 (스텝 하나 = 배치 하나: 순전파, 역전파, 업데이트). 느리게 해서 스텝 하나하나를 지켜보거나, 최대한 빠르게(최대) 돌립니다.</translation>
    </message>
    <message>
        <source>“{0}” opens at {1}: slow enough to watch its effect unfold over tens of seconds. Move the slider to change it.</source>
        <translation type="vanished">“{0}” 예제는 {1}(으)로 열립니다: 효과가 수십 초에 걸쳐 펼쳐지는 것을 지켜볼 수 있을 만큼 느린 속도입니다. 슬라이더를 움직여 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>Slow training down to watch each step, or let it run as fast as it can.</source>
        <translation type="vanished">학습을 느리게 해서 스텝 하나하나를 지켜보거나, 최대한 빠르게 돌립니다.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="vanished">학습률</translation>
    </message>
    <message>
        <source>How big each update is. Change it while training: too small crawls, too large diverges.</source>
        <translation type="vanished">한 번 갱신할 때 얼마나 크게 움직일지입니다. 학습 중에도 바꿀 수 있습니다: 너무 작으면 거북이걸음이고, 너무 크면 발산합니다.</translation>
    </message>
    <message>
        <source>What the run is doing.</source>
        <translation type="vanished">지금 학습이 어떤 상태인지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Epochs: complete passes over the training data.</source>
        <translation type="vanished">에포크: 학습 데이터 전체를 훑은 횟수입니다.</translation>
    </message>
    <message>
        <source>Steps: optimizer updates, one per batch.</source>
        <translation type="vanished">스텝: 옵티마이저가 갱신한 횟수로, 배치마다 한 번입니다.</translation>
    </message>
    <message>
        <source>Training steps per second.</source>
        <translation type="vanished">초당 학습 스텝 수입니다.</translation>
    </message>
    <message>
        <source>Where the tensors live and the maths runs (CPU or GPU).</source>
        <translation type="vanished">텐서가 놓이고 계산이 실행되는 장치(device)입니다(CPU 또는 GPU).</translation>
    </message>
    <message>
        <source>How each step runs: eager PyTorch, one operation at a time.</source>
        <translation type="vanished">각 스텝의 실행 방식: eager 모드 PyTorch로, 연산을 하나씩 바로 실행합니다.</translation>
    </message>
    <message>
        <source>Loss on the training and test data (lower is better).</source>
        <translation type="vanished">학습 데이터와 테스트 데이터의 손실입니다(낮을수록 좋음).</translation>
    </message>
    <message>
        <source>Share of test points classified correctly.</source>
        <translation type="vanished">테스트 점 중 올바르게 분류된 비율입니다.</translation>
    </message>
    <message>
        <source>eager</source>
        <translation type="vanished">eager</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>가중치 재설정</translation>
    </message>
    <message>
        <source>A dashboard could not draw the latest results; training goes on. Details are in the terminal output.</source>
        <translation>대시보드 하나가 최신 결과를 그리지 못했습니다. 학습은 계속됩니다. 자세한 내용은 터미널 출력에 있습니다.</translation>
    </message>
    <message>
        <source>Finished: the run reached its limit of 1 epoch. Raise the limit in the Training tab or press Reset to train again.</source>
        <translation type="vanished">완료: 에포크 한도(1)에 도달했습니다. 학습 탭에서 한도를 올리거나, 초기화를 눌러 다시 학습하세요.</translation>
    </message>
    <message>
        <source>Finished: the run reached its limit of {0} epochs. Raise the limit in the Training tab or press Reset to train again.</source>
        <translation type="vanished">완료: 에포크 한도({0})에 도달했습니다. 학습 탭에서 한도를 올리거나, 초기화를 눌러 다시 학습하세요.</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>학습 중단됨</translation>
    </message>
    <message>
        <source>Training stopped because of an unexpected error:</source>
        <translation>예상하지 못한 오류로 학습이 중단되었습니다:</translation>
    </message>
    <message>
        <source>This design cannot train as it stands:</source>
        <translation type="vanished">이 설계는 지금 상태로는 학습할 수 없습니다:</translation>
    </message>
    <message>
        <source>No current run: the design above cannot train as it stands. The picture returns once the problem is fixed.</source>
        <translation>현재 실행 없음: 위의 설계는 지금 상태로는 학습할 수 없습니다. 문제를 고치면 그림이 다시 나타납니다.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="vanished">일시 정지</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation type="vanished">준비 중…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="vanished">일시 정지됨</translation>
    </message>
    <message>
        <source>Training</source>
        <comment>run state</comment>
        <translation type="vanished">학습 중</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="vanished">완료</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="vanished">중지됨</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation type="vanished">발산함</translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="vanished">오류</translation>
    </message>
    <message>
        <source>Epoch {0}</source>
        <translation type="vanished">에포크 {0}</translation>
    </message>
    <message>
        <source>Step {0}</source>
        <translation type="vanished">스텝 {0}</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation type="vanished">{0} 스텝/초</translation>
    </message>
    <message>
        <source>Loss not finite</source>
        <translation type="vanished">손실 발산 (유한하지 않음)</translation>
    </message>
    <message>
        <source>The loss is no longer a finite number: the run diverged.</source>
        <translation type="vanished">손실이 더 이상 유한한 수가 아닙니다: 학습이 발산했습니다.</translation>
    </message>
    <message>
        <source>Loss {0} / {1}</source>
        <translation type="vanished">손실 {0} / {1}</translation>
    </message>
    <message>
        <source>Training loss {0}, test loss {1}.</source>
        <translation type="vanished">학습 손실 {0}, 테스트 손실 {1}.</translation>
    </message>
    <message>
        <source>Accuracy {0} / {1}</source>
        <translation type="vanished">정확도 {0} / {1}</translation>
    </message>
    <message>
        <source>max</source>
        <translation type="vanished">최대</translation>
    </message>
    <message>
        <source>{0}/s</source>
        <translation type="vanished">{0}/초</translation>
    </message>
    <message>
        <source>Change learning rate</source>
        <translation>학습률 변경</translation>
    </message>
    <message>
        <source>The new language is used from the next time NN Playground starts.</source>
        <translation type="vanished">새 언어는 NN Playground를 다음에 시작할 때부터 적용됩니다.</translation>
    </message>
    <message>
        <source>{0}[*] — NN Playground</source>
        <translation>{0}[*] — NN Playground</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="vanished">제목 없음</translation>
    </message>
    <message>
        <source>{0} — NN Playground</source>
        <translation type="vanished">{0} — NN Playground</translation>
    </message>
    <message>
        <source>Train / Pause</source>
        <translation type="vanished">학습 / 일시 정지</translation>
    </message>
    <message>
        <source>Step one batch</source>
        <translation type="vanished">배치 하나 학습</translation>
    </message>
    <message>
        <source>Step one epoch</source>
        <translation type="vanished">에포크 하나 학습</translation>
    </message>
    <message>
        <source>Fold or unfold the explanation</source>
        <translation type="vanished">설명 접기 / 펼치기</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="vanished">실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="vanished">다시 실행</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="vanished">종료</translation>
    </message>
    <message>
        <source>Space, . and Ctrl+E work wherever the focus is, except while you type in a text field. Enter in a number box (such as the learning rate) applies the number and gives the keys back to training.</source>
        <translation type="vanished">Space, . , Ctrl+E는 포커스가 어디에 있든 동작합니다. 단, 텍스트 입력란에 글자를 입력하는 중에는 예외입니다. 숫자 입력란(학습률 등)에서 Enter를 누르면 값이 적용되고 키가 다시 학습 조작으로 돌아갑니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;NN Playground {0}&lt;/b&gt;&lt;br&gt;Build a neural network, train it live with PyTorch, and watch what happens inside.</source>
        <translation type="vanished">&lt;b&gt;NN Playground {0}&lt;/b&gt;&lt;br&gt;신경망을 만들고, PyTorch로 실시간 학습시키면서, 그 안에서 무슨 일이 일어나는지 지켜보세요.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="vanished">불러오는 중…</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Press Train to start: the network diagram appears here.</source>
        <translation>학습 버튼을 눌러 시작하세요. 여기에 신경망 그림이 나타납니다.</translation>
    </message>
    <message>
        <source>Weights: blue positive, orange negative, thicker = larger. Hover for values.</source>
        <translation>가중치: 파란색은 양수, 주황색은 음수, 굵을수록 큽니다. 마우스를 올리면 값이 보입니다.</translation>
    </message>
    <message>
        <source>+{0} more</source>
        <translation>+{0}개 더</translation>
    </message>
    <message>
        <source>There are {0} input features; the first {1} are drawn, with their connections.</source>
        <translation>입력 특성이 {0}개 있습니다. 처음 {1}개와 그 연결만 그립니다.</translation>
    </message>
    <message>
        <source>This layer has {0} neurons; the first {1} are drawn, with their connections.</source>
        <translation>이 계층에는 뉴런이 {0}개 있습니다. 처음 {1}개와 그 연결만 그립니다.</translation>
    </message>
    <message>
        <source>Large network: only the strongest {0} connections per layer are drawn ({1:,} of {2:,}).</source>
        <translation>큰 신경망: 계층마다 가중치가 가장 큰 연결 {0}개만 그립니다({2:,}개 중 {1:,}개).</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>클래스 {0}</translation>
    </message>
    <message>
        <source>{0} features</source>
        <translation>특성 {0}개</translation>
    </message>
    <message>
        <source>1 feature</source>
        <translation>특성 1개</translation>
    </message>
    <message>
        <source>p = {0:g}</source>
        <translation>p = {0:g}</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>{0} units</source>
        <translation>뉴런 {0}개</translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>뉴런 1개</translation>
    </message>
    <message>
        <source>Input {0} (feature {1} of {2}).</source>
        <translation>입력 {0} (특성 {2}개 중 {1}번째).</translation>
    </message>
    <message>
        <source>The square shows this feature over the input plane: blue high, orange low.</source>
        <translation>사각형은 입력 평면 위에서 이 특성의 값을 보여 줍니다: 파란색은 높음, 주황색은 낮음.</translation>
    </message>
    <message>
        <source>{0}, feature {1}: normalized over each batch, then scaled (γ) and shifted (β).</source>
        <translation>{0}, 특성 {1}: 배치마다 정규화한 뒤, 크기를 조정(γ)하고 이동(β)합니다.</translation>
    </message>
    <message>
        <source>γ = {0:.3f}, β = {1:.3f}</source>
        <translation>γ = {0:.3f}, β = {1:.3f}</translation>
    </message>
    <message>
        <source>{0}, neuron {1} ({2})</source>
        <translation>{0}, 뉴런 {1} ({2})</translation>
    </message>
    <message>
        <source>bias = {0:.4f}</source>
        <translation>편향 = {0:.4f}</translation>
    </message>
    <message>
        <source>The square shows this neuron&apos;s output over the input plane: blue positive, orange negative.</source>
        <translation>사각형은 입력 평면 위에서 이 뉴런의 출력을 보여 줍니다: 파란색은 양수, 주황색은 음수.</translation>
    </message>
    <message>
        <source>Colour: its bias (blue positive, orange negative).</source>
        <translation>색: 편향(파란색은 양수, 주황색은 음수).</translation>
    </message>
    <message>
        <source>Click to see its formula.</source>
        <translation>클릭하면 이 뉴런의 식을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Weight from input {0} to {1} neuron {2}: {3:+.4f}</source>
        <translation>입력 {0} → {1} 뉴런 {2} 가중치: {3:+.4f}</translation>
    </message>
    <message>
        <source>Weight from {0} neuron {1} to {2} neuron {3}: {4:+.4f}</source>
        <translation>{0} 뉴런 {1} → {2} 뉴런 {3} 가중치: {4:+.4f}</translation>
    </message>
    <message>
        <source>The network: inputs on the left, the output on the right. Each connection is a weight: blue positive, orange negative, thicker = larger. Hover a neuron or a connection to see its value.</source>
        <translation>신경망: 왼쪽이 입력, 오른쪽이 출력입니다. 연결선 하나가 가중치 하나입니다: 파란색은 양수, 주황색은 음수, 굵을수록 큽니다. 뉴런이나 연결선에 마우스를 올리면 값이 보입니다.</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>normalize</source>
        <translation>정규화</translation>
    </message>
</context>
<context>
    <name>NeuronCard</name>
    <message>
        <source>Close the neuron card (Esc).</source>
        <translation>뉴런 카드 닫기 (Esc).</translation>
    </message>
    <message>
        <source>The input the formula is computed for.</source>
        <translation>식을 계산할 입력.</translation>
    </message>
    <message>
        <source>Which sample: its number in the test set, or in the traced batch.</source>
        <translation>어느 샘플인지: 테스트 데이터 또는 추적한 배치에서의 번호.</translation>
    </message>
    <message>
        <source>h(x), the activation</source>
        <translation type="vanished">h(x), 활성 함수</translation>
    </message>
    <message>
        <source>h′(x), its slope</source>
        <translation type="vanished">h′(x), 기울기(미분)</translation>
    </message>
    <message>
        <source>h(x)</source>
        <translation>h(x) 활성 함수</translation>
    </message>
    <message>
        <source>h′(x), slope</source>
        <translation>h′(x) 기울기</translation>
    </message>
    <message>
        <source>h(x): the activation function. h′(x): its slope (derivative), the factor back-propagation multiplies the gradient by. The dots mark this neuron&apos;s z.</source>
        <translation>h(x): 활성 함수. h′(x): 그 기울기(미분)로, 역전파가 기울기에 곱하는 값입니다. 점은 이 뉴런의 z를 표시합니다.</translation>
    </message>
    <message>
        <source>Point in the output view</source>
        <translation>출력 그림에서 고른 점</translation>
    </message>
    <message>
        <source>Test sample</source>
        <translation>테스트 샘플</translation>
    </message>
    <message>
        <source>Sample of the traced batch</source>
        <translation>추적한 배치의 샘플</translation>
    </message>
    <message>
        <source>Neuron</source>
        <translation>뉴런</translation>
    </message>
    <message>
        <source>Click a neuron on the network diagram to see its formula.</source>
        <translation>신경망 그림에서 뉴런을 클릭하면 그 뉴런의 식을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>{0}: z = {1}, h = {2}, h′ = {3}</source>
        <translation>{0}: z = {1}, h = {2}, h′ = {3}</translation>
    </message>
    <message>
        <source> of {0}</source>
        <translation> / {0}</translation>
    </message>
    <message>
        <source>{0}, neuron {1}</source>
        <translation>{0}, 뉴런 {1}</translation>
    </message>
    <message>
        <source>{0}, neuron {1} · {2}</source>
        <translation>{0}, 뉴런 {1} · {2}</translation>
    </message>
    <message>
        <source>… + {0} more terms = {1}</source>
        <translation>… + 나머지 항 {0}개 = {1}</translation>
    </message>
    <message>
        <source>+ the other {0} inputs (not traced) = {1}</source>
        <translation>+ 추적하지 않은 나머지 입력 {0}개 = {1}</translation>
    </message>
    <message>
        <source>z = Σ wᵢxᵢ + b (the weighted sum: weights w, inputs x, bias b)</source>
        <translation type="vanished">z = Σ wᵢxᵢ + b (가중합: 가중치 w, 입력 x, 편향 b)</translation>
    </message>
    <message>
        <source>b = {0} (the bias)</source>
        <translation>b = {0} (편향)</translation>
    </message>
    <message>
        <source>z = {0}</source>
        <translation>z = {0}</translation>
    </message>
    <message>
        <source>z = γ·(x − μ)/√(σ² + ε) + β (batch normalization)</source>
        <translation type="vanished">z = γ·(x − μ)/√(σ² + ε) + β (배치 정규화)</translation>
    </message>
    <message>
        <source>the weighted sum: weights w times inputs x, plus the bias b</source>
        <translation>가중합: 가중치 w 곱하기 입력 x, 더하기 편향 b</translation>
    </message>
    <message>
        <source>batch normalization: x normalized with the mean μ and the variance σ², then scaled by γ and shifted by β</source>
        <translation>배치 정규화: x를 평균 μ와 분산 σ²로 정규화한 뒤 γ를 곱하고 β를 더합니다</translation>
    </message>
    <message>
        <source>this batch&apos;s</source>
        <translation>이 배치의</translation>
    </message>
    <message>
        <source>running</source>
        <translation>누적(running)</translation>
    </message>
    <message>
        <source>{0} μ = {1}, σ² = {2}, ε = {3}</source>
        <translation>{0} 평균 μ = {1}, 분산 σ² = {2}, ε = {3}</translation>
    </message>
    <message>
        <source>γ = {0}, β = {1}, x = {2}</source>
        <translation>γ = {0}, β = {1}, x = {2}</translation>
    </message>
    <message>
        <source>h = z = {0} (no activation function)</source>
        <translation>h = z = {0} (활성 함수 없음)</translation>
    </message>
    <message>
        <source>(the loss turns it into a probability)</source>
        <translation>(손실 함수가 이 값을 확률로 바꿉니다)</translation>
    </message>
    <message>
        <source>h = f(z) with f = {0}: h = {1}</source>
        <translation>h = f(z), 활성 함수 f = {0}: h = {1}</translation>
    </message>
    <message>
        <source>h′(z) = {0} (its slope)</source>
        <translation>h′(z) = {0} (기울기)</translation>
    </message>
    <message>
        <source>Inactive: h′(z) = 0, no gradient passes back through this neuron to its weights.</source>
        <translation>비활성: h′(z) = 0이므로 이 뉴런을 거쳐 가중치로 돌아가는 기울기가 없습니다.</translation>
    </message>
    <message>
        <source>Saturated: h′(z) = {0} is under 1% of its largest slope; almost no gradient passes back.</source>
        <translation>포화: h′(z) = {0}, 가장 큰 기울기의 1%도 안 됩니다. 역전파되는 기울기가 거의 없습니다.</translation>
    </message>
</context>
<context>
    <name>NeuronInside</name>
    <message>
        <source>Neuron</source>
        <translation>뉴런</translation>
    </message>
    <message>
        <source>The traced step does not hold this neuron (only the first neurons of a layer are traced).</source>
        <translation>추적한 스텝에는 이 뉴런이 없습니다 (층마다 앞쪽 뉴런만 추적합니다).</translation>
    </message>
    <message>
        <source>No formula for this neuron now: {0}</source>
        <translation>지금은 이 뉴런의 식을 볼 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>at x₁ = {0}, x₂ = {1}</source>
        <translation>위치 x₁ = {0}, x₂ = {1}</translation>
    </message>
    <message>
        <source>at x = {0}</source>
        <translation>위치 x = {0}</translation>
    </message>
    <message>
        <source>target {0}</source>
        <translation>목표값 {0}</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>클래스 {0}</translation>
    </message>
</context>
<context>
    <name>Optimizers</name>
    <message>
        <source>Stochastic gradient descent: every step moves each weight against its gradient, by the learning rate times the gradient.</source>
        <translation>확률적 경사 하강법 (SGD): 스텝마다 각 가중치를 기울기 반대 방향으로 (학습률 × 기울기)만큼 움직입니다.</translation>
    </message>
    <message>
        <source>SGD with momentum: each step keeps a fraction of the previous one, like a ball rolling downhill; it speeds through flat valleys and damps zig-zags.</source>
        <translation>모멘텀을 더한 SGD: 언덕을 굴러 내려가는 공처럼, 각 스텝이 이전 스텝의 일부를 이어 갑니다. 평평한 골짜기는 빠르게 지나고 지그재그는 줄어듭니다.</translation>
    </message>
    <message>
        <source>Adagrad: a learning rate per weight, shrinking for weights that got large gradients so far. Good for rare features; steps keep getting smaller.</source>
        <translation>Adagrad: 가중치마다 학습률이 따로 있고, 지금까지 큰 기울기를 받은 가중치일수록 학습률이 작아집니다. 드물게 나타나는 특성에 좋지만, 스텝이 계속 작아집니다.</translation>
    </message>
    <message>
        <source>RMSProp: like Adagrad, but recent gradients weigh more (a moving average), so the steps do not die out.</source>
        <translation>RMSProp: Adagrad와 비슷하지만 최근 기울기에 더 큰 비중을 두어(이동 평균), 스텝이 사라지지 않습니다.</translation>
    </message>
    <message>
        <source>Adam: momentum and RMSProp together, with bias correction. A good default.</source>
        <translation>Adam: 모멘텀과 RMSProp을 합치고 편향 보정을 더한 방법입니다. 무난한 기본 선택입니다.</translation>
    </message>
    <message>
        <source>AdamW: Adam with weight decay applied to the weights directly, not through the gradient.</source>
        <translation>AdamW: 가중치 감쇠(weight decay)를 기울기를 거치지 않고 가중치에 직접 적용하는 Adam입니다.</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>Show test data</source>
        <translation>테스트 데이터 표시</translation>
    </message>
    <message>
        <source>Test points are held back from training. Showing them tells you whether the network also works on data it has never seen.</source>
        <translation>테스트 점은 학습에 쓰지 않고 남겨 둔 점입니다. 이 점들을 보면 신경망이 처음 보는 데이터에서도 잘 맞는지 알 수 있습니다.</translation>
    </message>
    <message>
        <source>Press Train to start: the picture shows what the network predicts.</source>
        <translation>학습 버튼을 눌러 시작하세요. 그림에 신경망의 예측이 나타납니다.</translation>
    </message>
    <message>
        <source>Output: no current run</source>
        <translation>출력: 현재 실행 없음</translation>
    </message>
    <message>
        <source>Press Train to start.</source>
        <translation>학습 버튼을 눌러 시작하세요.</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>입력 x</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>목표값 y</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>예측 클래스</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>실제 클래스</translation>
    </message>
    <message>
        <source>actual value</source>
        <translation>실제 값</translation>
    </message>
    <message>
        <source>predicted value</source>
        <translation>예측 값</translation>
    </message>
    <message>
        <source>target value</source>
        <translation>목표값</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>클래스 {0}</translation>
    </message>
    <message>
        <source>test point</source>
        <translation>테스트 점</translation>
    </message>
    <message>
        <source>decision boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>train point</source>
        <translation>학습 점</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>outliers</source>
        <translation>이상치</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
    <message>
        <source>network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>perfect (y = x)</source>
        <translation>완벽 (y = x)</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>Decision boundary: the class the network predicts at each point</source>
        <translation>결정 경계: 각 위치에서 신경망이 예측한 클래스</translation>
    </message>
    <message>
        <source>Regression surface: the value the network predicts at each point</source>
        <translation>회귀 곡면: 각 위치에서 신경망이 예측한 값</translation>
    </message>
    <message>
        <source>Regression curve: the network&apos;s prediction for each x</source>
        <translation>회귀 곡선: 각 x에 대한 신경망의 예측</translation>
    </message>
    <message>
        <source>Confusion matrix (test set): each true class against the predicted class</source>
        <translation>혼동 행렬 (테스트 데이터): 실제 클래스 대 예측 클래스</translation>
    </message>
    <message>
        <source>Predicted against actual values (test set)</source>
        <translation>예측 값 대 실제 값 (테스트 데이터)</translation>
    </message>
    <message>
        <source>The decision boundary is where the background colour changes. Dots are the data, coloured by their true class; a dot on the other colour is misclassified. Pale colours mean the network is unsure.</source>
        <translation>결정 경계는 배경색이 바뀌는 곳입니다. 점은 데이터이며 실제 클래스의 색으로 칠해져 있습니다. 다른 색 위에 놓인 점은 잘못 분류된 것입니다. 색이 옅은 곳은 신경망이 확신하지 못하는 곳입니다.</translation>
    </message>
    <message>
        <source>The background is the value the network predicts at each point; the dots are the data, coloured by their true value. Where they match, the network has learned the surface.</source>
        <translation>배경은 각 위치에서 신경망이 예측한 값이고, 점은 실제 값으로 색칠한 데이터입니다. 둘이 맞는 곳은 신경망이 곡면을 학습한 곳입니다.</translation>
    </message>
    <message>
        <source>The line is the network&apos;s prediction. Red crosses are outliers: points moved far off the trend. MSE (L2) pulls the line towards them; MAE (L1) mostly ignores them.</source>
        <translation>선은 신경망의 예측입니다. 빨간 X는 추세에서 멀리 떨어진 이상치입니다. MSE (L2)는 선을 이상치 쪽으로 끌어당기고(이상치에 민감), MAE (L1)는 대부분 무시합니다(이상치에 강함).</translation>
    </message>
    <message>
        <source>Rows are the true classes, columns the predicted ones. The diagonal counts correct answers; any other cell is a mistake of one kind.</source>
        <translation>행은 실제 클래스, 열은 예측 클래스입니다. 대각선 칸은 맞힌 개수이고, 나머지 칸은 각각 한 종류의 실수입니다.</translation>
    </message>
    <message>
        <source>Each dot is a test sample: its true value across, the network&apos;s prediction up. A perfect network puts every dot on the dashed line.</source>
        <translation>점 하나가 테스트 샘플 하나입니다: 가로축은 실제 값, 세로축은 신경망의 예측입니다. 완벽한 신경망이라면 모든 점이 점선 위에 놓입니다.</translation>
    </message>
    <message>
        <source>Test accuracy {0:.1%} ({1:,} of {2:,} correct)</source>
        <translation>테스트 정확도 {0:.1%} ({2:,}개 중 {1:,}개 정답)</translation>
    </message>
    <message>
        <source>Test accuracy {0:.1%}, train accuracy {1:.1%}</source>
        <translation>테스트 정확도 {0:.1%}, 학습 정확도 {1:.1%}</translation>
    </message>
    <message>
        <source>Test loss {0:.4g}, R² = {1:.3f}</source>
        <translation>테스트 손실 {0:.4g}, R² = {1:.3f}</translation>
    </message>
    <message>
        <source>Test loss {0:.4g}, train loss {1:.4g}</source>
        <translation>테스트 손실 {0:.4g}, 학습 손실 {1:.4g}</translation>
    </message>
    <message>
        <source>x₁ = {0:.2f}, x₂ = {1:.2f}</source>
        <translation>x₁ = {0:.2f}, x₂ = {1:.2f}</translation>
    </message>
    <message>
        <source>{0}
The network predicts {1:.3f} here.</source>
        <translation>{0}
이곳의 신경망 예측값: {1:.3f}</translation>
    </message>
    <message>
        <source>{0}
The network predicts class {1} here, with probability {2:.2f}.</source>
        <translation>{0}
이곳의 신경망 예측: 클래스 {1} (확률 {2:.2f})</translation>
    </message>
    <message>
        <source>True class {0}, predicted {1}: {2:,} test samples.</source>
        <translation>실제 클래스 {0}, 예측 {1}: 테스트 샘플 {2:,}개.</translation>
    </message>
</context>
<context>
    <name>PresetMenu</name>
    <message>
        <source>The presets could not be read</source>
        <translation>예제를 읽을 수 없습니다</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>RaceTable</name>
    <message>
        <source>test loss {0}</source>
        <translation>테스트 손실 {0}</translation>
    </message>
    <message>
        <source>test accuracy {0}%</source>
        <translation>테스트 정확도 {0}%</translation>
    </message>
    <message>
        <source>No run has reached {0} yet (step {1}).</source>
        <translation>아직 {0}에 도달한 실행이 없습니다 (스텝 {1})</translation>
    </message>
    <message>
        <source>{0} reached {1} at step {2}</source>
        <translation>{0}: 스텝 {2}에서 {1} 도달</translation>
    </message>
    <message>
        <source>{0} at step {1}</source>
        <translation>{0}: 스텝 {1}</translation>
    </message>
    <message>
        <source>{0} has not yet (step {1})</source>
        <translation>{0}: 아직 도달 못 함 (스텝 {1})</translation>
    </message>
    <message>
        <source>{0} diverged (step {1})</source>
        <translation>{0}: 발산 (스텝 {1})</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>준비 중</translation>
    </message>
    <message>
        <source>training</source>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>test accuracy ≥</source>
        <translation>테스트 정확도 ≥</translation>
    </message>
    <message>
        <source>test loss ≤</source>
        <translation>테스트 손실 ≤</translation>
    </message>
    <message>
        <source>The target of the race: the table shows the step at which each run first reached it (a test accuracy in %, or a test loss).</source>
        <translation>경주의 목표: 표는 각 실행이 이 목표(테스트 정확도 % 또는 테스트 손실)에 처음 도달한 스텝을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>학습 손실</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>테스트 손실</translation>
    </message>
    <message>
        <source>Train acc.</source>
        <translation>학습 정확도</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <source>Reached at</source>
        <translation>도달 스텝</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>진단</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>목표:</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>아직</translation>
    </message>
</context>
<context>
    <name>RecentFiles</name>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
</context>
<context>
    <name>RunCard</name>
    <message>
        <source>This run changes the layers&apos; shapes or their initialization: it draws its own initial weights from the same seed.</source>
        <translation>이 실행은 층의 모양이나 초기화를 바꾸므로 같은 시드에서 자신의 초기 가중치를 새로 뽑습니다.</translation>
    </message>
    <message>
        <source>How the gradients flow back through this run&apos;s layers (the Gradients view&apos;s verdict).</source>
        <translation>이 실행의 층을 거슬러 기울기가 얼마나 잘 전달되는지 (기울기 보기의 진단).</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Make this run&apos;s design the design in the editor (undoable).</source>
        <translation>이 실행의 설계를 편집기의 설계로 만듭니다 (되돌리기 가능).</translation>
    </message>
    <message>
        <source>Fork…</source>
        <translation>갈라 학습…</translation>
    </message>
    <message>
        <source>Go on from this run&apos;s weights twice: as it is, and with one change.</source>
        <translation>이 실행의 가중치에서 두 갈래로 이어서 학습합니다: 그대로 하나, 한 가지를 바꾼 하나.</translation>
    </message>
    <message>
        <source>Learning Rate of This Run…</source>
        <translation>이 실행의 학습률…</translation>
    </message>
    <message>
        <source>Change this run&apos;s learning rate now, while the others keep theirs.</source>
        <translation>이 실행의 학습률만 지금 바꿉니다. 다른 실행은 그대로입니다.</translation>
    </message>
</context>
<context>
    <name>RunCurves</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Loss (train ━, test ╍)</source>
        <translation>손실 (학습 ━, 테스트 ╍)</translation>
    </message>
    <message>
        <source>Accuracy (train ━, test ╍)</source>
        <translation>정확도 (학습 ━, 테스트 ╍)</translation>
    </message>
</context>
<context>
    <name>RunStatusBar</name>
    <message>
        <source>What the run is doing.</source>
        <translation>지금 학습이 어떤 상태인지 보여 줍니다.</translation>
    </message>
    <message>
        <source>Epochs: complete passes over the training data.</source>
        <translation>에포크: 학습 데이터 전체를 훑은 횟수입니다.</translation>
    </message>
    <message>
        <source>Steps: optimizer updates, one per batch.</source>
        <translation>스텝: 옵티마이저가 갱신한 횟수로, 배치마다 한 번입니다.</translation>
    </message>
    <message>
        <source>Training steps per second.</source>
        <translation>초당 학습 스텝 수입니다.</translation>
    </message>
    <message>
        <source>Where the tensors live and the maths runs (CPU or GPU).</source>
        <translation>텐서가 놓이고 계산이 실행되는 장치(device)입니다(CPU 또는 GPU).</translation>
    </message>
    <message>
        <source>Loss on the training and test data (lower is better).</source>
        <translation>학습 데이터와 테스트 데이터의 손실입니다(낮을수록 좋음).</translation>
    </message>
    <message>
        <source>Share of test points classified correctly.</source>
        <translation>테스트 점 중 올바르게 분류된 비율입니다.</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>준비 중…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>일시 정지됨</translation>
    </message>
    <message>
        <source>Training</source>
        <comment>run state</comment>
        <translation>학습 중</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>발산함</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Epoch {0}</source>
        <translation>에포크 {0}</translation>
    </message>
    <message>
        <source>Step {0}</source>
        <translation>스텝 {0}</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 스텝/초</translation>
    </message>
    <message>
        <source>Loss not finite</source>
        <translation>손실 발산 (유한하지 않음)</translation>
    </message>
    <message>
        <source>The loss is no longer a finite number: the run diverged.</source>
        <translation>손실이 더 이상 유한한 수가 아닙니다: 학습이 발산했습니다.</translation>
    </message>
    <message>
        <source>Loss {0} / {1}</source>
        <translation>손실 {0} / {1}</translation>
    </message>
    <message>
        <source>Training loss {0}, test loss {1}.</source>
        <translation>학습 손실 {0}, 테스트 손실 {1}.</translation>
    </message>
    <message>
        <source>Accuracy {0} / {1}</source>
        <translation>정확도 {0} / {1}</translation>
    </message>
    <message>
        <source>While the run goes on, measured on a fixed sample of {0} training and {1} test points spread over each set (large data sets); on every point once it ends.</source>
        <translation>실행 중에는 각 데이터에 고르게 퍼진 고정 표본(학습 점 {0}개, 테스트 점 {1}개)으로 잽니다(큰 데이터셋). 실행이 끝나면 모든 점으로 잽니다.</translation>
    </message>
</context>
<context>
    <name>StepMode</name>
    <message>
        <source>eager</source>
        <translation>즉시 실행</translation>
    </message>
    <message>
        <source>How each step runs: eager PyTorch, one operation at a time.</source>
        <translation>스텝이 실행되는 방식: 즉시 실행(eager) PyTorch, 연산을 하나씩 바로 실행합니다.</translation>
    </message>
    <message>
        <source>The runs of this comparison that share a network shape train together in one batched eager step, which is faster than compiling each of them.</source>
        <translation>이 비교에서 신경망 구조가 같은 실행들은 하나의 묶음 즉시 실행(eager) 스텝으로 함께 학습합니다. 각각을 컴파일하는 것보다 빠릅니다.</translation>
    </message>
    <message>
        <source>eager: the packaged app does not compile the training step</source>
        <translation>즉시 실행: 패키지된 앱은 학습 스텝을 컴파일하지 않습니다</translation>
    </message>
    <message>
        <source>The packaged app trains with eager PyTorch, one operation at a time: compiling the training step needs PyTorch&apos;s C++ headers and a C++ compiler, which it does not include. The losses are the same; on small networks, NN Playground installed from source with a C++ compiler trains several times faster.</source>
        <translation>패키지된 앱은 즉시 실행(eager) PyTorch로, 연산을 하나씩 실행하며 학습합니다: 학습 스텝을 컴파일하려면 PyTorch의 C++ 헤더와 C++ 컴파일러가 필요한데, 앱에는 들어 있지 않습니다. 손실은 같습니다. 작은 신경망에서는 C++ 컴파일러가 있는 환경에 소스에서 설치한 NN Playground가 몇 배 빠르게 학습합니다.</translation>
    </message>
    <message>
        <source>Training steps run as one compiled function (torch.compile): the same losses as eager PyTorch, several times faster on small networks. Compiling took {0} s.</source>
        <translation>학습 스텝이 컴파일된 하나의 함수(torch.compile)로 실행됩니다: 손실은 즉시 실행(eager) PyTorch와 같고, 작은 신경망에서는 몇 배 빠릅니다. 컴파일에 {0}초 걸렸습니다.</translation>
    </message>
    <message>
        <source>compiled, ready</source>
        <translation>컴파일됨, 대기</translation>
    </message>
    <message>
        <source>No step ran since the last update.</source>
        <translation>지난 업데이트 이후 실행된 스텝이 없습니다.</translation>
    </message>
    <message>
        <source>The step the dashboards inspect, one per update, runs eagerly.</source>
        <translation>대시보드가 들여다보는 스텝(업데이트마다 하나)은 즉시 실행으로 실행됩니다.</translation>
    </message>
    <message>
        <source>At the end of an epoch, where fewer than {0} equal batches are left for one compiled call, steps run eagerly.</source>
        <translation>에포크 끝에서 컴파일된 호출 한 번에 필요한 같은 크기의 배치 {0}개가 남지 않으면 스텝은 즉시 실행으로 실행됩니다.</translation>
    </message>
    <message>
        <source>Steps asked for in runs shorter than one compiled call ({0} steps) run eagerly: single steps, a slow speed, or steps so slow that {0} at once would keep the controls waiting.</source>
        <translation>컴파일된 호출 한 번({0} 스텝)보다 짧게 요청된 스텝은 즉시 실행으로 실행됩니다: 한 스텝씩 실행, 느린 속도 설정, 또는 {0} 스텝을 한 번에 실행하면 조작이 기다려야 할 만큼 느린 스텝입니다.</translation>
    </message>
    <message>
        <source>The optimizer&apos;s first step runs eagerly to create its state.</source>
        <translation>옵티마이저의 첫 스텝은 상태를 만들기 위해 즉시 실행으로 실행됩니다.</translation>
    </message>
    <message>
        <source>eager: dashboard steps</source>
        <translation>즉시 실행: 대시보드 스텝</translation>
    </message>
    <message>
        <source>eager: end of epoch</source>
        <translation>즉시 실행: 에포크 끝</translation>
    </message>
    <message>
        <source>eager: short runs</source>
        <translation>즉시 실행: 짧은 실행</translation>
    </message>
    <message>
        <source>eager: first step</source>
        <translation>즉시 실행: 첫 스텝</translation>
    </message>
    <message>
        <source>The compiled step is ready, but none of the {0} steps since the last update ran compiled.</source>
        <translation>컴파일된 스텝이 준비되었지만, 지난 업데이트 이후의 스텝 {0}개 중 컴파일되어 실행된 것은 없습니다.</translation>
    </message>
    <message>
        <source>Since the last update {0} of {1} steps ran compiled.</source>
        <translation>지난 업데이트 이후 스텝 {1}개 중 {0}개가 컴파일되어 실행되었습니다.</translation>
    </message>
    <message>
        <source>compiled</source>
        <translation>컴파일됨</translation>
    </message>
    <message>
        <source>Training steps run as one compiled function (torch.compile): the same losses as eager PyTorch, several times faster on small networks. The steps the dashboards inspect still run eagerly. Compiling took {0} s.</source>
        <translation type="vanished">학습 스텝이 컴파일된 하나의 함수(torch.compile)로 실행됩니다: 손실은 즉시 실행(eager) PyTorch와 같고, 작은 신경망에서는 몇 배 빠릅니다. 대시보드가 들여다보는 스텝은 여전히 즉시 실행으로 실행됩니다. 컴파일에 {0}초 걸렸습니다.</translation>
    </message>
    <message>
        <source>eager, compiling…</source>
        <translation>즉시 실행, 컴파일 중…</translation>
    </message>
    <message>
        <source>Training runs eagerly while a faster compiled step is prepared in the background: a few seconds, up to a minute the first time a network is compiled. It takes over by itself when ready.</source>
        <translation>더 빠른 컴파일된 스텝을 백그라운드에서 준비하는 동안 즉시 실행(eager)으로 학습합니다: 몇 초, 신경망을 처음 컴파일할 때는 1분까지 걸립니다. 준비되면 저절로 넘어갑니다.</translation>
    </message>
    <message>
        <source>The compiled training step is turned off (Training menu).</source>
        <translation>컴파일된 학습 스텝이 꺼져 있습니다(학습 메뉴).</translation>
    </message>
    <message>
        <source>The packaged app always trains eagerly: compiling needs PyTorch&apos;s C++ headers and a C++ compiler, which it does not include.</source>
        <translation type="vanished">패키지된 앱은 항상 즉시 실행(eager)으로 학습합니다: 컴파일에는 PyTorch의 C++ 헤더와 C++ 컴파일러가 필요한데, 패키지에는 들어 있지 않습니다.</translation>
    </message>
    <message>
        <source>No C++ compiler was found, so training runs eagerly. With one installed (g++ or clang, or Visual Studio Build Tools on Windows) small networks train several times faster.</source>
        <translation>C++ 컴파일러를 찾지 못해 즉시 실행(eager)으로 학습합니다. 컴파일러(g++ 또는 clang, Windows에서는 Visual Studio Build Tools)를 설치하면 작은 신경망이 몇 배 빠르게 학습합니다.</translation>
    </message>
    <message>
        <source>Designs with dropout train eagerly: a compiled step draws different random numbers, so its results would not match eager PyTorch.</source>
        <translation>드롭아웃이 있는 설계는 즉시 실행(eager)으로 학습합니다: 컴파일된 스텝은 다른 난수를 뽑으므로 결과가 즉시 실행 PyTorch와 같지 않게 됩니다.</translation>
    </message>
    <message>
        <source>Compiling is not supported on this device, so training runs eagerly.</source>
        <translation>이 장치에서는 컴파일을 지원하지 않아 즉시 실행(eager)으로 학습합니다.</translation>
    </message>
    <message>
        <source>This optimizer has no compiled step, so training runs eagerly.</source>
        <translation>이 옵티마이저에는 컴파일된 스텝이 없어 즉시 실행(eager)으로 학습합니다.</translation>
    </message>
    <message>
        <source>Compiling failed, so training runs eagerly. The error was: {0}</source>
        <translation>컴파일에 실패해 즉시 실행(eager)으로 학습합니다. 오류: {0}</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <source>two-class</source>
        <translation>이진 분류</translation>
    </message>
    <message>
        <source>two-class (binary classification)</source>
        <translation>두 클래스 (이진 분류)</translation>
    </message>
    <message>
        <source>multi-class</source>
        <translation>다중 분류</translation>
    </message>
    <message>
        <source>multi-class classification</source>
        <translation>다중 분류</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>회귀</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>분류</translation>
    </message>
</context>
<context>
    <name>TensorGrid</name>
    <message>
        <source>before:</source>
        <translation>바뀌기 전:</translation>
    </message>
    <message>
        <source>result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>&lt;b&gt;result&lt;/b&gt; = &lt;b&gt;{0}&lt;/b&gt; (drawn above)</source>
        <translation>&lt;b&gt;결과&lt;/b&gt; = &lt;b&gt;{0}&lt;/b&gt; (위에 그림)</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; = &lt;code&gt;{1}&lt;/code&gt; &amp;nbsp;&lt;i&gt;({2})&lt;/i&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; = &lt;code&gt;{1}&lt;/code&gt; &amp;nbsp;&lt;i&gt;({2})&lt;/i&gt;</translation>
    </message>
    <message>
        <source>shape {0} · dtype {1} · device {2}</source>
        <translation>형태(shape) {0} · 자료형(dtype) {1} · 장치(device) {2}</translation>
    </message>
    <message>
        <source>NumPy array</source>
        <translation>NumPy 배열</translation>
    </message>
    <message>
        <source>tensor</source>
        <translation>텐서</translation>
    </message>
    <message>
        <source>shares memory with {0}: a change to one is a change to the other</source>
        <translation>{0}와(과) 메모리를 공유합니다: 한쪽을 바꾸면 다른 쪽도 바뀝니다</translation>
    </message>
    <message>
        <source>{0} the cells the assignment set</source>
        <translation>{0} 대입으로 바뀐 칸</translation>
    </message>
    <message>
        <source>the index</source>
        <translation>인덱스</translation>
    </message>
    <message>
        <source>{0} the cells {1} picked</source>
        <translation>{0} {1}이(가) 고른 칸</translation>
    </message>
    <message>
        <source>(click {0} to see the cells it picked)</source>
        <translation>({0}을(를) 누르면 그 인덱스가 고른 칸을 봅니다)</translation>
    </message>
    <message>
        <source>{0} changed in place: these cells held other values before (drawn below)</source>
        <translation>{0} 제자리(in-place)에서 바뀌었습니다: 이 칸들은 전에 다른 값이었습니다 (아래에 그림)</translation>
    </message>
    <message>
        <source>changed in place (its values before are drawn below)</source>
        <translation>제자리(in-place)에서 바뀌었습니다 (바뀌기 전 값은 아래에 그림)</translation>
    </message>
    <message>
        <source>large: showing {0}; the rest are not drawn</source>
        <translation>큰 텐서라 일부만 그립니다 — {0}; 나머지는 그리지 않습니다</translation>
    </message>
    <message>
        <source>slice {0} of {1}</source>
        <translation>슬라이스 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>slices {0} of {1}</source>
        <translation>슬라이스 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>row {0} of {1}</source>
        <translation>행 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>rows {0} of {1}</source>
        <translation>행 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>column {0} of {1}</source>
        <translation>열 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>columns {0} of {1}</source>
        <translation>열 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>value {0} of {1}</source>
        <translation>값 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>values {0} of {1}</source>
        <translation>값 {1}개 중 {0}번</translation>
    </message>
    <message>
        <source>(each {0})</source>
        <translation>(각각 {0})</translation>
    </message>
    <message>
        <source>matrix product ({0}): {1} — the inner sizes match, the outer ones make the result</source>
        <translation>행렬 곱 ({0}): {1} — 안쪽 크기가 같아야 하고, 바깥쪽 크기가 결과의 형태(shape)가 됩니다</translation>
    </message>
    <message>
        <source>element-wise {0}: {1}</source>
        <translation>원소별 {0}: {1}</translation>
    </message>
    <message>
        <source>broadcasting: dimension {0} of the result was stretched from size 1 to fit</source>
        <translation>브로드캐스팅: 결과의 차원 {0}은(는) 크기 1에서 늘어나 맞춰졌습니다</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; the cells {1} picked</source>
        <translation type="vanished">&lt;span style=&apos;color:{0}&apos;&gt;■&lt;/span&gt; {1}이(가) 고른 칸</translation>
    </message>
    <message>
        <source>stack on dim {0} (a new dimension): {1}</source>
        <translation>dim {0}에 stack (새 차원이 생깁니다): {1}</translation>
    </message>
    <message>
        <source>cat on dim {0}: {1}</source>
        <translation>dim {0}에 cat: {1}</translation>
    </message>
    <message>
        <source>{0} goes into {1} ({2} on dim {3})</source>
        <translation>{0} {1}(으)로 들어갑니다 (dim {3}에 {2})</translation>
    </message>
    <message>
        <source>large: only its first values came back and are drawn</source>
        <translation>큰 텐서: 앞쪽 값만 돌아와 그려집니다</translation>
    </message>
    <message>
        <source>large: only some of its values are drawn (… marks the rest)</source>
        <translation>큰 텐서: 값의 일부만 그립니다 (…는 나머지)</translation>
    </message>
    <message>
        <source>matrix product: {0} — the inner sizes match, the outer ones make the result</source>
        <translation type="vanished">행렬 곱: {0} — 안쪽 크기가 같아야 하고, 바깥쪽 크기가 결과의 형태(shape)가 됩니다</translation>
    </message>
    <message>
        <source>element-wise product: {0}</source>
        <translation type="vanished">원소별 곱: {0}</translation>
    </message>
    <message>
        <source>{0}: shape before → after {1} (the same values, {2} of them)</source>
        <translation>{0}: 바뀌기 전 → 후의 형태(shape) {1} (값은 그대로, {2}개)</translation>
    </message>
    <message>
        <source>broadcasting: dimension {0} of the result was repeated to fit</source>
        <translation type="vanished">브로드캐스팅: 결과의 차원 {0}은(는) 크기를 맞추려고 반복되었습니다</translation>
    </message>
</context>
<context>
    <name>TensorLab</name>
    <message>
        <source>Tensor Lab…</source>
        <translation>텐서 실습실…</translation>
    </message>
    <message>
        <source>Try PyTorch tensor operations and see every tensor drawn: the course&apos;s examples and exercises (Ctrl+T).</source>
        <translation>PyTorch 텐서 연산을 해 보고 모든 텐서를 그림으로 봅니다: 과정의 예제와 연습 문제 (Ctrl+T).</translation>
    </message>
    <message>
        <source>The Tensor Lab cannot open this layer: {0}</source>
        <translation>텐서 실습실에서 이 계층을 열 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>TrainingActions</name>
    <message>
        <source>Train</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>Start or pause training (Space). Each step updates the weights against the gradient of the loss.</source>
        <translation>학습을 시작하거나 일시 정지합니다(Space). 각 스텝은 손실의 기울기 반대 방향으로 가중치를 갱신합니다.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Train one batch: one forward pass, one backward pass, one optimizer step (.).</source>
        <translation>배치 하나만 학습합니다: 순전파 한 번, 역전파 한 번, 옵티마이저 스텝 한 번(.).</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Train until the end of the current epoch: one pass over the training data (Ctrl+E).</source>
        <translation>현재 에포크가 끝날 때까지 학습합니다: 학습 데이터를 한 번 훑습니다(Ctrl+E).</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Start again from new random initial weights on the same data (Ctrl+R).</source>
        <translation>같은 데이터에서 새 무작위 초기 가중치로 다시 시작합니다(Ctrl+R).</translation>
    </message>
    <message>
        <source>Compiled training step</source>
        <translation>컴파일된 학습 스텝</translation>
    </message>
    <message>
        <source>Compile each training step with torch.compile when a C++ compiler is available: the same results, several times faster on small networks. Training runs eagerly while it compiles.</source>
        <translation>C++ 컴파일러가 있으면 학습 스텝을 torch.compile로 컴파일합니다: 결과는 같고, 작은 신경망에서는 몇 배 빠릅니다. 컴파일하는 동안에는 즉시 실행(eager)으로 학습합니다.</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>The training process is not running.</source>
        <translation>학습 프로세스가 실행 중이 아닙니다.</translation>
    </message>
    <message>
        <source>A message from the training process could not be read.</source>
        <translation>학습 프로세스가 보낸 메시지를 읽을 수 없습니다.</translation>
    </message>
    <message>
        <source>The training process stopped unexpectedly (exit code {0}). Press Reset or change the design to start it again.</source>
        <translation>학습 프로세스가 예기치 않게 멈췄습니다(종료 코드 {0}). 초기화를 누르거나 설계를 바꾸면 다시 시작합니다.</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Loss</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>The loss function measures how far the predictions are from the answers; training moves the weights to make it smaller.</source>
        <translation>손실 함수는 예측이 정답에서 얼마나 먼지 잽니다. 학습은 이 값이 작아지도록 가중치를 움직입니다.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>How the gradients turn into weight updates. Switching sets the optimizer&apos;s usual hyperparameters.</source>
        <translation type="vanished">기울기를 가중치 갱신으로 바꾸는 방법입니다. 바꾸면 그 옵티마이저의 일반적인 하이퍼파라미터로 설정됩니다.</translation>
    </message>
    <message>
        <source>How the gradients turn into weight updates. Switching keeps the learning rate when it suits the new optimizer (else it sets the usual one and says so) and sets its other usual hyperparameters.</source>
        <translation>기울기를 가중치 갱신으로 바꾸는 방법입니다. 바꾸면 학습률은 새 옵티마이저에 맞는 범위라면 그대로 두고(아니면 보통 값으로 바꾸고 알려 줍니다), 나머지 하이퍼파라미터는 그 옵티마이저의 보통 값으로 설정합니다.</translation>
    </message>
    <message>
        <source>Change Nesterov</source>
        <translation type="vanished">Nesterov 변경</translation>
    </message>
    <message>
        <source>Batches and epochs</source>
        <translation>배치와 에포크</translation>
    </message>
    <message>
        <source>Full batch (batch gradient descent): every step uses all training points. Smooth and stable, but one step per epoch, and it can settle in a local minimum.</source>
        <translation>전체 배치 (배치 경사 하강법, BGD): 스텝마다 학습 점을 모두 씁니다. 매끄럽고 안정적이지만 에포크당 스텝이 하나뿐이고, 지역 최적해(local minimum)에 머물 수 있습니다.</translation>
    </message>
    <message>
        <source>Stochastic: every step uses one random point. Many quick, noisy steps; the noise can shake the weights out of a poor minimum.</source>
        <translation>확률적 (SGD): 스텝마다 무작위 점 하나를 씁니다. 빠르고 들쭉날쭉한 스텝이 많으며, 그 흔들림이 가중치를 나쁜 최솟값에서 빠져나오게 할 수 있습니다.</translation>
    </message>
    <message>
        <source>Mini-batch: every step uses a batch of k random points, the usual middle way: less noisy than one point, many steps per epoch, and fast on a GPU.</source>
        <translation>미니배치: 스텝마다 무작위 점 k개로 된 배치를 씁니다. 흔히 쓰는 중간 방식으로, 점 하나보다 덜 흔들리고 에포크당 스텝이 많으며 GPU에서 빠릅니다.</translation>
    </message>
    <message>
        <source>Full batch</source>
        <translation>전체 배치</translation>
    </message>
    <message>
        <source>Stochastic (1 point)</source>
        <translation>확률적 (점 1개)</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>미니배치</translation>
    </message>
    <message>
        <source>How many training points each gradient step uses.</source>
        <translation>기울기 스텝 하나에 쓰는 학습 점의 개수입니다.</translation>
    </message>
    <message>
        <source>Batch mode</source>
        <translation>배치 방식</translation>
    </message>
    <message>
        <source>Points per mini-batch. Larger batches give smoother but fewer steps per epoch.</source>
        <translation>미니배치 하나에 든 점의 개수입니다. 배치가 클수록 스텝은 매끄러워지지만, 에포크당 스텝 수는 줄어듭니다.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>An epoch is one pass over all training points. Training stops after this many epochs.</source>
        <translation>에포크는 모든 학습 점을 한 번 훑는 것입니다. 이만큼의 에포크가 지나면 학습이 멈춥니다.</translation>
    </message>
    <message>
        <source>Epochs limit</source>
        <translation>에포크 한도</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>규제 (정규화)</translation>
    </message>
    <message>
        <source>No penalty on the weights.</source>
        <translation>가중치에 벌점을 주지 않습니다.</translation>
    </message>
    <message>
        <source>L1: adds rate × the sum of |w| to the loss. It pushes unhelpful weights to exactly 0, leaving a sparse network.</source>
        <translation>L1: 강도 × (|w|의 합)을 손실에 더합니다. 도움이 안 되는 가중치를 정확히 0으로 밀어서 희소한 신경망을 남깁니다.</translation>
    </message>
    <message>
        <source>L2: adds rate × the sum of w² / 2 to the loss. It keeps all weights small, which smooths the boundary and fights overfitting.</source>
        <translation>L2: 강도 × (w² / 2의 합)을 손실에 더합니다. 모든 가중치를 작게 유지해서 경계를 매끄럽게 하고 과적합을 막습니다.</translation>
    </message>
    <message>
        <source>A penalty on large weights, added to the loss, so the network prefers simpler solutions.</source>
        <translation>큰 가중치에 주는 벌점으로, 손실에 더해져 신경망이 더 단순한 해를 선호하게 합니다.</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>벌점</translation>
    </message>
    <message>
        <source>How strongly the penalty counts against the data loss. Too large and the network stays too simple.</source>
        <translation>데이터 손실에 비해 벌점을 얼마나 강하게 반영할지입니다. 너무 크면 신경망이 지나치게 단순해집니다.</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>강도</translation>
    </message>
    <message>
        <source>Device and seed</source>
        <translation>장치와 시드</translation>
    </message>
    <message>
        <source>The fastest device present: an NVIDIA GPU (CUDA), then an Apple GPU (MPS), else the CPU.</source>
        <translation>있는 장치 중 가장 빠른 것을 씁니다: NVIDIA GPU (CUDA), 다음은 Apple GPU (MPS), 둘 다 없으면 CPU.</translation>
    </message>
    <message>
        <source>The processor. For the small networks here it is often the fastest.</source>
        <translation>프로세서입니다. 여기서 다루는 작은 신경망에서는 대개 가장 빠릅니다.</translation>
    </message>
    <message>
        <source>An NVIDIA graphics card through CUDA.</source>
        <translation>CUDA로 쓰는 NVIDIA 그래픽 카드입니다.</translation>
    </message>
    <message>
        <source>An Apple silicon GPU through Metal (MPS).</source>
        <translation>Metal (MPS)로 쓰는 Apple 실리콘 GPU입니다.</translation>
    </message>
    <message>
        <source>Where the tensors live and the arithmetic runs. A GPU pays off for big networks and batches.</source>
        <translation>텐서가 놓이고 계산이 실행되는 장치(device)입니다. GPU는 큰 신경망과 큰 배치에서 효과를 봅니다.</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>장치</translation>
    </message>
    <message>
        <source>Fixes the random starting weights, the shuffling of points and dropout: the same seed trains the same way again. Change it to see how much the start matters.</source>
        <translation>무작위 초기 가중치, 점 섞기, 드롭아웃을 고정합니다: 시드가 같으면 똑같이 다시 학습합니다. 바꿔 보면 시작점이 얼마나 중요한지 알 수 있습니다.</translation>
    </message>
    <message>
        <source>Training seed</source>
        <translation>학습 시드</translation>
    </message>
    <message>
        <source>{0} does not fit {1} data. {2}</source>
        <translation>{0}은(는) {1} 데이터에 맞지 않습니다. {2}</translation>
    </message>
    <message>
        <source>One epoch is one step on all {0} training points.</source>
        <translation>한 에포크는 학습 점 {0}개 전체로 하는 스텝 하나입니다.</translation>
    </message>
    <message>
        <source>The batch holds the whole training set: the same as full batch. {0}</source>
        <translation>배치에 학습 데이터 전체가 들어갑니다: 전체 배치와 같습니다. {0}</translation>
    </message>
    <message>
        <source>One epoch is {0} steps of one point each.</source>
        <translation>한 에포크는 점 1개씩 {0} 스텝입니다.</translation>
    </message>
    <message>
        <source>One epoch is {0} steps of {1} points ({2} training points).</source>
        <translation>한 에포크는 점 {1}개씩 {0} 스텝입니다(학습 점 {2}개).</translation>
    </message>
    <message>
        <source>{0} is not available here: {1} Training runs on the CPU.</source>
        <translation>여기서는 {0}을(를) 쓸 수 없습니다: {1} 학습은 CPU에서 실행됩니다.</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>손실 함수 변경</translation>
    </message>
    <message>
        <source>Learning rate set to {0}, the usual one for {1}: {2} is outside its usual range ({3} to {4}).</source>
        <translation>학습률을 {1}의 보통 값인 {0}(으)로 바꿨습니다: {2}은(는) 이 옵티마이저에 알맞은 범위({3}~{4})를 벗어납니다.</translation>
    </message>
    <message>
        <source>Change optimizer</source>
        <translation>옵티마이저 변경</translation>
    </message>
    <message>
        <source>Change {0}</source>
        <translation>{0} 변경</translation>
    </message>
    <message>
        <source>Change regularization rate</source>
        <translation>규제 강도 변경</translation>
    </message>
    <message>
        <source>Change batch mode</source>
        <translation>배치 방식 변경</translation>
    </message>
    <message>
        <source>Change batch size</source>
        <translation>배치 크기 변경</translation>
    </message>
    <message>
        <source>Change epochs limit</source>
        <translation>에포크 한도 변경</translation>
    </message>
    <message>
        <source>Change regularization</source>
        <translation>규제 변경</translation>
    </message>
    <message>
        <source>Change device</source>
        <translation>장치 변경</translation>
    </message>
    <message>
        <source>Change training seed</source>
        <translation>학습 시드 변경</translation>
    </message>
    <message>
        <source>Not available: {0}</source>
        <translation>사용할 수 없음: {0}</translation>
    </message>
</context>
<context>
    <name>TrainingToolbar</name>
    <message>
        <source>Training controls</source>
        <translation>학습 제어</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>How big each update is. Change it while training: too small crawls, too large diverges.</source>
        <translation>한 번 갱신할 때 얼마나 크게 움직일지입니다. 학습 중에도 바꿀 수 있습니다: 너무 작으면 거북이걸음이고, 너무 크면 발산합니다.</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>{0} steps/s</source>
        <translation>{0} 스텝/초</translation>
    </message>
    <message>
        <source>Training speed in steps per second (one step = one batch: forward pass, backward pass, update). Slow it down to watch each step, or let it run as fast as it can (max).</source>
        <translation>초당 스텝 수로 나타낸 학습 속도입니다 (스텝 하나 = 배치 하나: 순전파, 역전파, 업데이트). 느리게 해서 스텝 하나하나를 지켜보거나, 최대한 빠르게(최대) 돌립니다.</translation>
    </message>
    <message>
        <source>“{0}” opens at {1}: slow enough to watch its effect unfold over tens of seconds. Move the slider to change it.</source>
        <translation>“{0}” 예제는 {1}(으)로 열립니다: 효과가 수십 초에 걸쳐 펼쳐지는 것을 지켜볼 수 있을 만큼 느린 속도입니다. 슬라이더를 움직여 바꿀 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>WeightsMessages</name>
    <message>
        <source>the file is empty or cut short: it holds no weights</source>
        <translation>파일이 비어 있거나 잘려 있습니다: 가중치가 들어 있지 않습니다</translation>
    </message>
    <message>
        <source>the file is cut short (only part of it was written or copied); save the weights again</source>
        <translation>파일이 잘려 있습니다(일부만 저장되었거나 복사되었습니다). 가중치를 다시 저장하세요</translation>
    </message>
    <message>
        <source>not a weights file: it is a text (JSON) file, a design file perhaps</source>
        <translation>가중치 파일이 아닙니다: 텍스트(JSON) 파일이며, 아마 설계 파일일 것입니다</translation>
    </message>
    <message>
        <source>not a weights file: it looks like a PyTorch file saved with torch.save (a pickle), which NN Playground never opens because opening one can run any code</source>
        <translation>가중치 파일이 아닙니다: torch.save로 저장한 PyTorch 파일(pickle)로 보입니다. 이런 파일은 여는 것만으로 어떤 코드든 실행될 수 있어 NN Playground는 절대 열지 않습니다</translation>
    </message>
    <message>
        <source>not a weights file: it is not a safetensors file</source>
        <translation>가중치 파일이 아닙니다: safetensors 파일이 아닙니다</translation>
    </message>
    <message>
        <source>not an NN Playground weights file (a safetensors file saved by another program?)</source>
        <translation>NN Playground의 가중치 파일이 아닙니다(다른 프로그램이 저장한 safetensors 파일일까요?)</translation>
    </message>
    <message>
        <source>the format version {0} is not a whole number: the file is damaged</source>
        <translation>형식 버전 {0}이(가) 정수가 아닙니다: 파일이 손상되었습니다</translation>
    </message>
    <message>
        <source>these weights were saved by a newer NN Playground (format version {0}); this version reads up to {1}: update the app</source>
        <translation>이 가중치는 더 새로운 NN Playground(형식 버전 {0})에서 저장되었습니다. 이 버전은 {1}까지만 읽을 수 있으니 앱을 업데이트하세요</translation>
    </message>
    <message>
        <source>the file is damaged (its header cannot be read); save the weights again</source>
        <translation>파일이 손상되었습니다(헤더를 읽을 수 없습니다). 가중치를 다시 저장하세요</translation>
    </message>
    <message>
        <source>the file is damaged ({0}); save the weights again</source>
        <translation>파일이 손상되었습니다({0}). 가중치를 다시 저장하세요</translation>
    </message>
    <message>
        <source>not a weights file: too large ({0} MB; at most {1} MB)</source>
        <translation>가중치 파일이 아닙니다: 너무 큽니다({0} MB, 최대 {1} MB)</translation>
    </message>
    <message>
        <source>not a weights file: it is a device, a pipe or another special file, not an ordinary file</source>
        <translation>가중치 파일이 아닙니다: 일반 파일이 아니라 장치, 파이프 같은 특수 파일입니다</translation>
    </message>
    <message>
        <source>no such file: this design has no saved weights (or they were moved or deleted)</source>
        <translation>파일이 없습니다: 이 설계에는 저장된 가중치가 없습니다(또는 옮겨지거나 삭제되었습니다)</translation>
    </message>
    <message>
        <source>no permission to read this file: ask for access or copy it elsewhere</source>
        <translation>이 파일을 읽을 권한이 없습니다: 권한을 요청하거나 다른 곳에 복사하세요</translation>
    </message>
    <message>
        <source>this is a folder, not a weights file</source>
        <translation>가중치 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>could not read the file: {0}</source>
        <translation>파일을 읽을 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>could not write the file: {0}; choose another place or ask for access</source>
        <translation>파일을 쓸 수 없습니다: {0}. 다른 위치를 고르거나 권한을 요청하세요</translation>
    </message>
    <message>
        <source>holds NaN values; these weights cannot train on (they were damaged, or saved from a run that diverged): train the design anew</source>
        <translation>NaN 값이 들어 있습니다. 이 가중치로는 학습을 이어 갈 수 없습니다(손상되었거나 발산한 학습에서 저장되었습니다): 설계를 처음부터 다시 학습하세요</translation>
    </message>
    <message>
        <source>holds infinite values; these weights cannot train on (they were damaged, or saved from a run that diverged): train the design anew</source>
        <translation>무한대 값이 들어 있습니다. 이 가중치로는 학습을 이어 갈 수 없습니다(손상되었거나 발산한 학습에서 저장되었습니다): 설계를 처음부터 다시 학습하세요</translation>
    </message>
    <message>
        <source>the optimizer state is missing or damaged; save the weights again</source>
        <translation>옵티마이저 상태가 없거나 손상되었습니다. 가중치를 다시 저장하세요</translation>
    </message>
    <message>
        <source>the loss history is damaged; save the weights again</source>
        <translation>손실 기록이 손상되었습니다. 가중치를 다시 저장하세요</translation>
    </message>
    <message>
        <source>missing: the loss history is incomplete</source>
        <translation>없음: 손실 기록이 불완전합니다</translation>
    </message>
    <message>
        <source>this run diverged and its weights are no longer numbers; reset it before saving weights</source>
        <translation>이 학습은 발산하여 가중치가 더 이상 숫자가 아닙니다. 가중치를 저장하기 전에 초기화하세요</translation>
    </message>
    <message>
        <source>these weights belong to the design before its last changes ({0}), which has not started training yet: train the design as it is now, then save the weights</source>
        <translation>이 가중치는 마지막으로 바뀌기 전({0})의 설계에 속하며, 바뀐 설계는 아직 학습을 시작하지 않았습니다: 지금의 설계를 학습한 뒤 가중치를 저장하세요</translation>
    </message>
    <message>
        <source>There are no weights to save yet.</source>
        <translation>아직 저장할 가중치가 없습니다.</translation>
    </message>
</context>
<context>
    <name>layers</name>
    <message>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>{0} {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>Lin</source>
        <translation>Lin</translation>
    </message>
    <message>
        <source>BN</source>
        <translation>BN</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Drop</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>In</source>
        <translation>입력</translation>
    </message>
</context>
<context>
    <name>plot_utils</name>
    <message>
        <source>Press Train to start.</source>
        <translation>학습 버튼을 눌러 시작하세요.</translation>
    </message>
</context>
<context>
    <name>registry</name>
    <message>
        <source>Circle</source>
        <translation>원</translation>
    </message>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>두 가우시안</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>나선</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>반달</translation>
    </message>
    <message>
        <source>Linearly separable</source>
        <translation>선형 분리 가능</translation>
    </message>
    <message>
        <source>Spirals (multi-class)</source>
        <translation>나선 (다중 분류)</translation>
    </message>
    <message>
        <source>Blobs (multi-class)</source>
        <translation>군집 (다중 분류)</translation>
    </message>
    <message>
        <source>Plane (regression)</source>
        <translation>평면 (회귀)</translation>
    </message>
    <message>
        <source>Gaussian bumps (regression)</source>
        <translation>가우시안 봉우리 (회귀)</translation>
    </message>
    <message>
        <source>Line with outliers (1-D regression)</source>
        <translation>이상치가 있는 직선 (1차원 회귀)</translation>
    </message>
    <message>
        <source>Sine with outliers (1-D regression)</source>
        <translation>이상치가 있는 사인 곡선 (1차원 회귀)</translation>
    </message>
    <message>
        <source>Handwritten digits 8x8 (10 classes)</source>
        <translation>손글씨 숫자 8x8 (10개 클래스)</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 파일</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>LeakyReLU</source>
        <translation>LeakyReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>SiLU</source>
        <translation>SiLU</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <source>Linear (identity)</source>
        <translation>선형 (항등 함수)</translation>
    </message>
    <message>
        <source>MSE (L2)</source>
        <translation>평균 제곱 오차 (MSE, L2 Loss)</translation>
    </message>
    <message>
        <source>MAE (L1)</source>
        <translation>평균 절대 오차 (MAE, L1 Loss)</translation>
    </message>
    <message>
        <source>Huber</source>
        <translation>Huber 손실</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>교차 엔트로피 (CE)</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>이진 교차 엔트로피 (BCE)</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀 (Momentum)</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>PyTorch default</source>
        <translation>PyTorch 기본값</translation>
    </message>
    <message>
        <source>Xavier / Glorot</source>
        <translation>Xavier / Glorot</translation>
    </message>
    <message>
        <source>He / Kaiming</source>
        <translation>He / Kaiming</translation>
    </message>
    <message>
        <source>Zeros (symmetry is never broken)</source>
        <translation>모두 0 (대칭이 깨지지 않음)</translation>
    </message>
    <message>
        <source>Full batch (batch gradient descent)</source>
        <translation>전체 배치 (배치 경사 하강법)</translation>
    </message>
    <message>
        <source>Stochastic (batch size 1)</source>
        <translation>확률적 (배치 크기 1)</translation>
    </message>
    <message>
        <source>Mini-batch</source>
        <translation>미니배치</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>L1</source>
        <translation>L1</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA (NVIDIA GPU)</source>
        <translation>CUDA (NVIDIA GPU)</translation>
    </message>
    <message>
        <source>MPS (Apple GPU)</source>
        <translation>MPS (Apple GPU)</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>BatchNorm</source>
        <translation>BatchNorm</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
</context>
</TS>
