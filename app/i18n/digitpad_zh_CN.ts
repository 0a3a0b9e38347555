<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../about.py" line="34"/>
        <source>About DigitPad</source>
        <translation>关于 DigitPad</translation>
    </message>
    <message>
        <location filename="../about.py" line="39"/>
        <source># DigitPad

Draw a digit and watch a neural network read it as you write.

## How to use

- Draw one digit (0-9) on the canvas with the mouse, a pen or a tablet.
- The panel shows the digit the model recognizes, how sure it is, all ten probabilities, and the 28 x 28 image the model actually sees.
- Open, drop or paste an image of a digit to recognize it.
- Train your own model with Model &gt; Train Model, and compare it with Model &gt; Evaluate.

## Shortcuts

| Keys | Action |
|---|---|
| Ctrl+Z / Ctrl+Shift+Z | Undo / redo a stroke |
| Delete or Esc | Clear the canvas |
| P / E | Pen / eraser (right-drag also erases) |
| Ctrl+O / Ctrl+V | Open / paste an image |
| Ctrl+S | Save the drawing as PNG |
| Ctrl+T | Train a model |
| F1 | This help |
</source>
        <translation># DigitPad

画一个数字，看神经网络边写边认。

## 使用方法

- 用鼠标、触控笔或数位板在画布上写一个数字（0-9）。
- 右侧面板显示模型识别出的数字、把握有多大、全部十个概率，以及模型实际看到的 28 x 28 图像。
- 打开、拖入或粘贴一幅数字图像即可识别。
- 用“模型 &gt; 训练模型”训练您自己的模型，并用“模型 &gt; 评估模型”进行比较。

## 快捷键

| 按键 | 操作 |
|---|---|
| Ctrl+Z / Ctrl+Shift+Z | 撤销 / 重做笔画 |
| Delete 或 Esc | 清空画布 |
| P / E | 画笔 / 橡皮擦（按住右键拖动也可擦除） |
| Ctrl+O / Ctrl+V | 打开 / 粘贴图像 |
| Ctrl+S | 将绘图保存为 PNG |
| Ctrl+T | 训练模型 |
| F1 | 本帮助 |
</translation>
    </message>
    <message>
        <location filename="../about.py" line="59"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../about.py" line="60"/>
        <source>Model Card</source>
        <translation>模型卡片</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../actions.py" line="38"/>
        <source>&amp;Open Image...</source>
        <translation>打开图像(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../actions.py" line="39"/>
        <source>Recognize a digit in an image file (Ctrl+O)</source>
        <translation>识别图像文件中的数字 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="40"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="41"/>
        <source>Recognize an image from the clipboard</source>
        <translation>识别剪贴板中的图像</translation>
    </message>
    <message>
        <location filename="../actions.py" line="42"/>
        <source>&amp;Save Drawing As...</source>
        <translation>将绘图另存为(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../actions.py" line="43"/>
        <source>Save the drawing as a PNG image (Ctrl+S)</source>
        <translation>将绘图保存为 PNG 图像 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="45"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="49"/>
        <source>&amp;Undo Stroke</source>
        <translation>撤销笔画(&amp;U)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="50"/>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="51"/>
        <source>&amp;Redo Stroke</source>
        <translation>重做笔画(&amp;R)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="52"/>
        <source>Put the stroke back (Ctrl+Shift+Z)</source>
        <translation>恢复撤销的笔画 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="53"/>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="55"/>
        <source>Clear the canvas (Delete or Esc); Ctrl+Z brings it back</source>
        <translation>清空画布 (Delete 或 Esc)；按 Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../actions.py" line="57"/>
        <source>&amp;Pen</source>
        <translation>画笔(&amp;P)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="58"/>
        <source>Draw strokes (P)</source>
        <translation>绘制笔画 (P)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="59"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="60"/>
        <source>Remove whole strokes by touching them (E); right-drag also erases</source>
        <translation>触碰笔画即可整笔删除 (E)；按住右键拖动也可擦除</translation>
    </message>
    <message>
        <location filename="../actions.py" line="68"/>
        <source>&amp;Load Model...</source>
        <translation>加载模型(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../actions.py" line="69"/>
        <source>Recognize with a model file (.pt) you trained</source>
        <translation>使用您训练的模型文件 (.pt) 进行识别</translation>
    </message>
    <message>
        <location filename="../actions.py" line="70"/>
        <source>&amp;Reset to Bundled Model</source>
        <translation>恢复为内置模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="71"/>
        <source>Go back to the model that ships with DigitPad</source>
        <translation>改回 DigitPad 自带的模型</translation>
    </message>
    <message>
        <location filename="../actions.py" line="72"/>
        <source>&amp;Train Model...</source>
        <translation>训练模型(&amp;T)...</translation>
    </message>
    <message>
        <location filename="../actions.py" line="73"/>
        <source>Train a new model on MNIST or your own images (Ctrl+T)</source>
        <translation>用 MNIST 或您自己的图像训练新模型 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="74"/>
        <source>&amp;Evaluate Model...</source>
        <translation>评估模型(&amp;E)...</translation>
    </message>
    <message>
        <location filename="../actions.py" line="75"/>
        <source>Accuracy, confusion matrix and mistakes of the active model on the test images</source>
        <translation>当前模型在测试图像上的准确率、混淆矩阵和识别错误</translation>
    </message>
    <message>
        <location filename="../actions.py" line="76"/>
        <source>DigitPad &amp;Help</source>
        <translation>DigitPad 帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="77"/>
        <source>How to use DigitPad, and the model card (F1)</source>
        <translation>DigitPad 使用说明及模型卡片 (F1)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="78"/>
        <source>&amp;About DigitPad</source>
        <translation>关于 DigitPad(&amp;A)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="80"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location filename="../actions.py" line="86"/>
        <source>Pen width (the model sees every drawing at the same width)</source>
        <translation>笔宽（模型看到的每幅绘图笔宽都相同）</translation>
    </message>
    <message>
        <location filename="../actions.py" line="87"/>
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location filename="../actions.py" line="88"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../actions.py" line="88"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../actions.py" line="88"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../actions.py" line="88"/>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../actions.py" line="88"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../actions.py" line="89"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../actions.py" line="89"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../actions.py" line="89"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../actions.py" line="97"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="99"/>
        <source>Open S&amp;ample</source>
        <translation>打开示例(&amp;A)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="105"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="109"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="111"/>
        <source>&amp;Saved Models</source>
        <translation>已保存的模型(&amp;S)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="117"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="118"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="121"/>
        <source>System Language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../actions.py" line="128"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../actions.py" line="133"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../actions.py" line="141"/>
        <source>Width:</source>
        <translation>笔宽：</translation>
    </message>
    <message>
        <location filename="../actions.py" line="169"/>
        <source>(no saved models yet)</source>
        <translation>（尚无已保存的模型）</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location filename="../evaluate_dialog.py" line="49"/>
        <location filename="../evaluate_dialog.py" line="137"/>
        <source>Evaluate Model</source>
        <translation>评估模型</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="54"/>
        <source>MNIST folder (empty: DigitPad&apos;s MNIST folder)</source>
        <translation>MNIST 文件夹（留空：DigitPad 的 MNIST 文件夹）</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="55"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="57"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="60"/>
        <source>Test data:</source>
        <translation>测试数据：</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="65"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="69"/>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="69"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="69"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="69"/>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="71"/>
        <source>Rows: true digit; columns: predicted digit</source>
        <translation>行：真实数字；列：预测数字</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="78"/>
        <source>Per digit</source>
        <translation>各数字</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="79"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="80"/>
        <source>Mistakes</source>
        <translation>识别错误</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="82"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="104"/>
        <source>Choose the test data folder</source>
        <translation>选择测试数据文件夹</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="112"/>
        <source>Evaluating %1 on the test images...</source>
        <translation>正在测试图像上评估 %1...</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="121"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="127"/>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="134"/>
        <source>Evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="137"/>
        <source>The model could not be evaluated.</source>
        <translation>无法评估该模型。</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="142"/>
        <source>%1 on %2: accuracy %3% of %4 digits, loss %5, %6 mistakes</source>
        <translation>%1 在 %2 上：%4 个数字的准确率为 %3%，损失 %5，错误 %6 个</translation>
    </message>
    <message>
        <location filename="../evaluate_dialog.py" line="179"/>
        <source>%1: true %2, predicted %3 (%4%)</source>
        <translation>%1：真实为 %2，预测为 %3（%4%）</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <location filename="../charts.py" line="108"/>
        <source>What the model sees: your drawing as a 28 x 28 MNIST image</source>
        <translation>模型看到的内容：您的绘图转换成的 28 x 28 MNIST 图像</translation>
    </message>
</context>
<context>
    <name>InkCanvas</name>
    <message>
        <location filename="../canvas.py" line="56"/>
        <source>Draw a digit or a whole number here with the mouse, a pen or a tablet</source>
        <translation>用鼠标、触控笔或数位板在此写一个数字或一个完整的数</translation>
    </message>
    <message>
        <location filename="../canvas.py" line="57"/>
        <source>Drawing canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location filename="../canvas.py" line="58"/>
        <source>Copy Number</source>
        <translation>复制数字</translation>
    </message>
    <message>
        <location filename="../canvas.py" line="253"/>
        <source>Draw a digit or a number here</source>
        <translation>在此写一个数字或一个数</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="234"/>
        <location filename="../main_window.py" line="259"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="162"/>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Model: %1 (%2)</source>
        <translation>模型：%1（%2）</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="165"/>
        <source>test accuracy %1%</source>
        <translation>测试准确率 %1%</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="169"/>
        <source>Now recognizing with %1</source>
        <translation>现在使用 %1 进行识别</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <location filename="../main_window.py" line="183"/>
        <location filename="../main_window.py" line="192"/>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="175"/>
        <source>This model could not be loaded; the current model stays.</source>
        <translation>无法加载此模型；继续使用当前模型。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="184"/>
        <source>DigitPad models (*.pt)</source>
        <translation>DigitPad 模型 (*.pt)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="226"/>
        <source>Nothing to copy: draw a number first.</source>
        <translation>没有可复制的内容：请先写一个数。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="229"/>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="234"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="244"/>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="247"/>
        <source>the clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="255"/>
        <source>Recognized %1</source>
        <translation>已识别 %1</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="259"/>
        <source>%1 could not be read: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="268"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="276"/>
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="279"/>
        <location filename="../main_window.py" line="293"/>
        <source>Save Drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="280"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="293"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../main.py" line="85"/>
        <source>The last model could not be loaded; using the bundled one.</source>
        <translation>无法加载上次使用的模型；改用内置模型。</translation>
    </message>
    <message>
        <location filename="../main.py" line="88"/>
        <source>These settings could not be used and were reset: %1</source>
        <translation>以下设置无法使用，已恢复默认：%1</translation>
    </message>
    <message>
        <location filename="../main.py" line="104"/>
        <source>The new language is used the next time DigitPad starts.</source>
        <translation>新语言将在下次启动 DigitPad 时生效。</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../prediction_panel.py" line="28"/>
        <location filename="../prediction_panel.py" line="137"/>
        <location filename="../prediction_panel.py" line="144"/>
        <location filename="../prediction_panel.py" line="161"/>
        <source>Prediction</source>
        <translation>识别结果</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="39"/>
        <source>The digit the model recognizes</source>
        <translation>模型识别出的数字</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="40"/>
        <source>Predicted digit</source>
        <translation>识别出的数字</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="46"/>
        <source>The number read from the canvas; click a digit there to see its probabilities</source>
        <translation>从画布上读出的数；点击其中一个数字可查看它的概率</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="47"/>
        <source>Recognized number</source>
        <translation>识别出的数</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="50"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="52"/>
        <source>Copy the number to the clipboard (Ctrl+C on the canvas)</source>
        <translation>将数字复制到剪贴板（在画布上按 Ctrl+C）</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="68"/>
        <source>What the model sees
(28 x 28 pixels)</source>
        <translation>模型看到的图像
（28 x 28 像素）</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="82"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="112"/>
        <source>Digit %1 of %2 (click another digit on the canvas to see it)</source>
        <translation>第 %1 个数字，共 %2 个（点击画布上的其他数字查看）</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="138"/>
        <source>Draw a digit on the canvas, or open an image (Ctrl+O).</source>
        <translation>请在画布上画一个数字，或打开一幅图像 (Ctrl+O)。</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="144"/>
        <location filename="../prediction_panel.py" line="161"/>
        <source>Recognized from %1</source>
        <translation>识别自 %1</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="149"/>
        <source>Not sure: %1% confident. Maybe a %2?</source>
        <translation>不太确定：置信度 %1%。也可能是 %2？</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="152"/>
        <source>%1% confident</source>
        <translation>置信度 %1%</translation>
    </message>
    <message>
        <location filename="../prediction_panel.py" line="162"/>
        <source>Not a digit: this picture looks like something else (a letter, a symbol, a drawing or noise).</source>
        <translation>不是数字：这张图片看起来是别的东西（字母、符号、图画或噪点）。</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <location filename="../charts.py" line="37"/>
        <location filename="../charts.py" line="47"/>
        <source>How likely each digit is, according to the model</source>
        <translation>模型认为每个数字的可能性</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <location filename="../train_dialog.py" line="74"/>
        <location filename="../train_dialog.py" line="242"/>
        <source>Train Model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="81"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="87"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="88"/>
        <source>Choose the settings and press Start.</source>
        <translation>选择设置后按“开始”。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="91"/>
        <source>These settings could not be used and were reset: %1</source>
        <translation>以下设置无法使用，已恢复默认：%1</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="94"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="95"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="97"/>
        <location filename="../train_dialog.py" line="98"/>
        <location filename="../train_dialog.py" line="197"/>
        <location filename="../train_dialog.py" line="198"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="100"/>
        <location filename="../train_dialog.py" line="101"/>
        <location filename="../train_dialog.py" line="201"/>
        <location filename="../train_dialog.py" line="202"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="103"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="109"/>
        <source>The evaluation report on the test images appears here.</source>
        <translation>测试图像上的评估报告将显示在这里。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="112"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="113"/>
        <source>Cancel Training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="114"/>
        <source>Save and Use</source>
        <translation>保存并使用</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="115"/>
        <source>Save the new model to your models folder and recognize with it</source>
        <translation>将新模型保存到您的模型文件夹，并用它进行识别</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="116"/>
        <source>Save Only</source>
        <translation>仅保存</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="117"/>
        <source>Save the new model; load it later from Model &gt; Saved Models</source>
        <translation>保存新模型；之后可从“模型 &gt; 已保存的模型”加载</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="118"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="163"/>
        <source>Loading data...</source>
        <translation>正在加载数据...</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="164"/>
        <source>Training %1 on %2 thread(s)...</source>
        <translation>正在用 %2 个线程训练 %1...</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="172"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="190"/>
        <source>Epoch %1/%2: %p% (ETA %3)</source>
        <translation>第 %1/%2 轮：%p%（剩余 %3）</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="193"/>
        <source>Loss %1, accuracy %2%, %3 images/s</source>
        <translation>损失 %1，准确率 %2%，每秒 %3 幅图像</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="209"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="210"/>
        <source>Training was cancelled; the active model is unchanged.</source>
        <translation>训练已取消；当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="215"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="216"/>
        <source>Finished in %1: test accuracy %2%. Save the model to keep it.</source>
        <translation>用时 %1 完成：测试准确率 %2%。保存模型以便保留。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="228"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="230"/>
        <source>The training data could not be read.</source>
        <translation>无法读取训练数据。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="231"/>
        <source>Training stopped: the model did not learn.</source>
        <translation>训练已停止：模型没有学到东西。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="232"/>
        <source>Training ran out of memory. Try a smaller batch size or a smaller network.</source>
        <translation>训练时内存不足。请尝试更小的批大小或更小的网络。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="233"/>
        <source>These settings cannot be used.</source>
        <translation>无法使用这些设置。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="235"/>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="236"/>
        <source>The active model is unchanged.</source>
        <translation>当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="253"/>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="254"/>
        <source>The model could not be saved: %1</source>
        <translation>无法保存模型：%1</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="261"/>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="264"/>
        <source>Saved as %1; it is now the active model.</source>
        <translation>已保存为 %1；现已成为当前模型。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="266"/>
        <source>Saved as %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="273"/>
        <source>Stop the training and close?</source>
        <translation>停止训练并关闭？</translation>
    </message>
    <message>
        <location filename="../train_dialog.py" line="277"/>
        <source>Close without saving the new model?</source>
        <translation>不保存新模型就关闭？</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <location filename="../train_form.py" line="30"/>
        <source>The network to train</source>
        <translation>要训练的网络</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="33"/>
        <source>MNIST folder or image folder (train/0..9, test/0..9)</source>
        <translation>MNIST 文件夹或图像文件夹（train/0..9、test/0..9）</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="34"/>
        <source>A folder with the four MNIST .gz files, or an image folder tree.
Empty: the MNIST folder in DigitPad&apos;s data folder.</source>
        <translation>包含四个 MNIST .gz 文件的文件夹，或图像文件夹树。
留空：使用 DigitPad 数据文件夹中的 MNIST 文件夹。</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="36"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="44"/>
        <source>How many times to go through the training images</source>
        <translation>遍历训练图像的次数</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="46"/>
        <source>Images per training step</source>
        <translation>每个训练步骤的图像数</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="48"/>
        <source>Peak learning rate (one-cycle schedule)</source>
        <translation>峰值学习率（one-cycle 调度）</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="51"/>
        <source>Random shifts, rotations and scaling</source>
        <translation>随机平移、旋转和缩放</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="52"/>
        <source>Augmentation makes the model more robust to real handwriting</source>
        <translation>数据增强使模型对真实手写更稳健</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="58"/>
        <source>Automatic: bf16 mixed precision where the processor runs it natively (about twice as fast), fp32 elsewhere. Weights stay fp32.</source>
        <translation>自动：处理器原生支持 bf16 时使用 bf16 混合精度（约快一倍），否则使用 fp32。权重始终为 fp32。</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="63"/>
        <source>Architecture:</source>
        <translation>网络结构：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="64"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="65"/>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="66"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="67"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="68"/>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="69"/>
        <source>Augmentation:</source>
        <translation>数据增强：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="70"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="56"/>
        <location filename="../train_form.py" line="91"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="71"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../train_form.py" line="101"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../main.py" line="139"/>
        <source>DigitPad cannot start: the model is missing or damaged.</source>
        <translation>DigitPad 无法启动：模型缺失或已损坏。</translation>
    </message>
</context>
</TS>
