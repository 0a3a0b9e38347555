<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="29"/>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="29"/>
        <source>Which digit did you draw?</source>
        <translation>你写的是哪个数字？</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../dialogs/about.py" line="94"/>
        <location filename="../dialogs/about.py" line="101"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="102"/>
        <source>Model Card</source>
        <translation>模型卡片</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="114"/>
        <source>Draw a digit and watch a neural network read it as you write.</source>
        <translation>画一个数字，看神经网络边写边认。</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="117"/>
        <source>License: %1</source>
        <translation>许可证：%1</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="120"/>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="121"/>
        <source>Made with PySide6 (Qt) and PyTorch.</source>
        <translation>基于 PySide6 (Qt) 和 PyTorch 构建。</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="127"/>
        <source>The model is still loading.</source>
        <translation>模型仍在加载中。</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="129"/>
        <source>Active model: %1</source>
        <translation>当前模型：%1</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="150"/>
        <source>Test accuracy: %1%</source>
        <translation>测试准确率：%1%</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="152"/>
        <source>on %1 test digits it never saw in training</source>
        <translation>（%1 个训练中从未见过的测试数字）</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="155"/>
        <source>Test loss: %1</source>
        <translation>测试损失：%1</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="163"/>
        <source>Trained on %1 images</source>
        <translation>训练图像：%1 幅</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="167"/>
        <source>Training: %1 epochs, batch size %2, optimizer %3, learning rate %4, augmentation %5</source>
        <translation>训练：%1 轮，批大小 %2，优化器 %3，学习率 %4，数据增强 %5</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="172"/>
        <source>on</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="172"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="178"/>
        <source>Training time: %1 min on %2</source>
        <translation>训练用时：%1 分钟（%2）</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="140"/>
        <source>Size: %1 parameters</source>
        <translation>规模：%1 个参数</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="191"/>
        <source>Created: %1</source>
        <translation>创建时间：%1</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="193"/>
        <source>File: the model that ships with DigitPad</source>
        <translation>文件：DigitPad 自带的模型</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="195"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../window/action_table.py" line="42"/>
        <source>&amp;Open Image...</source>
        <translation>打开图像(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="46"/>
        <source>Recognize a digit in an image file (Ctrl+O)</source>
        <translation>识别图像文件中的数字 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="52"/>
        <source>&amp;Paste Image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="56"/>
        <source>Recognize an image from the clipboard</source>
        <translation>识别剪贴板中的图像</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="61"/>
        <source>&amp;Copy Number</source>
        <translation>复制数字(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="65"/>
        <source>Copy the recognized number to the clipboard (Ctrl+C)</source>
        <translation>将识别出的数字复制到剪贴板 (Ctrl+C)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="69"/>
        <source>&amp;Save Drawing As...</source>
        <translation>将绘图另存为(&amp;S)...</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="73"/>
        <source>Save the drawing as a PNG image (Ctrl+S)</source>
        <translation>将绘图保存为 PNG 图像 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="79"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="88"/>
        <source>&amp;Undo Stroke</source>
        <translation>撤销笔画(&amp;U)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="92"/>
        <source>Take back the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔 (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="98"/>
        <source>&amp;Redo Stroke</source>
        <translation>重做笔画(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="102"/>
        <source>Put the stroke back (Ctrl+Shift+Z)</source>
        <translation>恢复撤销的笔画 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="108"/>
        <source>&amp;Clear</source>
        <translation>清除(&amp;C)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="112"/>
        <source>Clear the canvas (Delete or Esc); Ctrl+Z brings it back</source>
        <translation>清空画布 (Delete 或 Esc)；按 Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="118"/>
        <source>&amp;Pen</source>
        <translation>画笔(&amp;P)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="122"/>
        <source>Draw strokes (P)</source>
        <translation>绘制笔画 (P)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="129"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="133"/>
        <source>Remove whole strokes by touching them (E); right-drag also erases</source>
        <translation>触碰笔画即可整笔删除 (E)；按住右键拖动也可擦除</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="140"/>
        <source>&amp;Load Model...</source>
        <translation>加载模型(&amp;L)...</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="144"/>
        <source>Recognize with a model file (.pt) you trained</source>
        <translation>使用您训练的模型文件 (.pt) 进行识别</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="148"/>
        <source>&amp;Reset to Bundled Model</source>
        <translation>恢复为内置模型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="150"/>
        <source>Go back to the model that ships with DigitPad</source>
        <translation>改回 DigitPad 自带的模型</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="154"/>
        <source>&amp;Train Model...</source>
        <translation>训练模型(&amp;T)...</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="158"/>
        <source>Train a new model on MNIST or your own images (Ctrl+T)</source>
        <translation>用 MNIST 或您自己的图像训练新模型 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="164"/>
        <source>&amp;Evaluate Model...</source>
        <translation>评估模型(&amp;E)...</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="166"/>
        <source>Accuracy, confusion matrix and mistakes of the active model on the test images</source>
        <translation>当前模型在测试图像上的准确率、混淆矩阵和识别错误</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="172"/>
        <source>DigitPad &amp;Help</source>
        <translation>DigitPad 帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="176"/>
        <source>How to use DigitPad, and its shortcuts (F1)</source>
        <translation>DigitPad 使用说明及快捷键 (F1)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="180"/>
        <source>Open &amp;Log Folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="184"/>
        <source>Open the folder with DigitPad&apos;s log files (for a bug report)</source>
        <translation>打开存放 DigitPad 日志文件的文件夹（用于报告问题）</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="217"/>
        <source>&amp;Manage Saved Models...</source>
        <translation>管理已保存的模型(&amp;M)...</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="268"/>
        <source>The log folder is %1</source>
        <translation>日志文件夹：%1</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="275"/>
        <source>%1 px</source>
        <translation>%1 像素</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="187"/>
        <source>&amp;About DigitPad</source>
        <translation>关于 DigitPad(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="189"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="82"/>
        <source>Pen width (the model sees every drawing at the same width)</source>
        <translation>笔宽（模型看到的每幅绘图笔宽都相同）</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="83"/>
        <source>Pen width</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="48"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="75"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="94"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="124"/>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="135"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="104"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="114"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../window/action_table.py" line="160"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="91"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="93"/>
        <source>Open S&amp;ample</source>
        <translation>打开示例(&amp;A)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="99"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="105"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="107"/>
        <source>&amp;Saved Models</source>
        <translation>已保存的模型(&amp;S)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="113"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="122"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="123"/>
        <source>System Language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="127"/>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="129"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="129"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="129"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="114"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="144"/>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="152"/>
        <source>Width:</source>
        <translation>笔宽：</translation>
    </message>
    <message>
        <location filename="../window/actions.py" line="206"/>
        <source>(no saved models yet)</source>
        <translation>（尚无已保存的模型）</translation>
    </message>
</context>
<context>
    <name>AdaptDialog</name>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="46"/>
        <location filename="../my_handwriting/adapt_dialog.py" line="149"/>
        <source>Adapt to My Handwriting</source>
        <translation>适配我的笔迹</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="56"/>
        <source>&amp;Adapt</source>
        <translation>适配(&amp;A)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="57"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="58"/>
        <source>&amp;Use the Adapted Model</source>
        <translation>使用适配后的模型(&amp;U)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="59"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="80"/>
        <source>%1 drawings kept. Adapting fine-tunes the active model on them (usually well under a minute), mixed with general digits so that nothing else is forgotten.</source>
        <translation>已保存 %1 个手写样本。适配会在这些样本上微调当前模型（通常远不到一分钟），同时混入通用数字，以免忘记其他内容。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="122"/>
        <source>Preparing your drawings: %1 of %2</source>
        <translation>正在准备您的手写样本：第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="145"/>
        <source>Adapting failed; the active model is unchanged.</source>
        <translation>适配失败；当前模型未改变。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="161"/>
        <source>The adapted model could not be loaded.</source>
        <translation>无法加载适配后的模型。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="175"/>
        <source>The adapted model %1 is no longer in use.</source>
        <translation>适配后的模型 %1 已不再使用。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="180"/>
        <source>Stop adapting and close? Nothing is saved and the active model stays as it is.</source>
        <translation>停止适配并关闭吗？不会保存任何内容，当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="117"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="130"/>
        <source>Stopped. Nothing was saved; the active model is unchanged.</source>
        <translation>已停止。未保存任何内容；当前模型未改变。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="141"/>
        <source>Make the adapted model the active one?</source>
        <translation>将适配后的模型设为当前模型？</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="110"/>
        <source>Adapting to %1 drawings...</source>
        <translation>正在适配 %1 个手写样本...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="162"/>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="165"/>
        <source>Now recognizing with the adapted model %1.</source>
        <translation>现在使用适配后的模型 %1 识别。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="134"/>
        <source>Done in %1 s. Saved as %2.</source>
        <translation>完成，用时 %1 秒。已保存为 %2。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="137"/>
        <source>On your own digits (each scored by a model that had not seen it): %1% before, %2% after.</source>
        <translation>在您自己的数字上（每个都由未见过它的模型评分）：适配前 %1%，适配后 %2%。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/adapt_dialog.py" line="124"/>
        <source>Adapting: %1, step %2 of %3</source>
        <translation>适配中：%1，第 %2 步，共 %3 步</translation>
    </message>
</context>
<context>
    <name>DataFolderField</name>
    <message>
        <location filename="../training/data_folder.py" line="77"/>
        <source>MNIST folder or image folder (train/0..9, test/0..9)</source>
        <translation>MNIST 文件夹或图像文件夹（train/0..9、test/0..9）</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="80"/>
        <source>A folder with the four MNIST .gz files, or an image folder tree.
Empty: the MNIST folder in DigitPad&apos;s data folder.</source>
        <translation>包含四个 MNIST .gz 文件的文件夹，或图像文件夹树。
留空：使用 DigitPad 数据文件夹中的 MNIST 文件夹。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="84"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="86"/>
        <location filename="../training/data_folder.py" line="230"/>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="89"/>
        <source>Download the MNIST digits (about %1 MB) into DigitPad&apos;s data folder</source>
        <translation>将 MNIST 数字数据集（约 %1 MB）下载到 DigitPad 的数据文件夹</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="119"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="132"/>
        <source>MNIST is still downloading.</source>
        <translation>MNIST 仍在下载中。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="139"/>
        <source>No MNIST data yet: press Download MNIST (about %1 MB), or choose a folder with the MNIST files or with your own images.</source>
        <translation>尚无 MNIST 数据：请点击“下载 MNIST”（约 %1 MB），或选择一个包含 MNIST 文件或您自己图像的文件夹。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="145"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="149"/>
        <source>This folder is missing %1. It needs the four MNIST files, or folders train/0..9 and test/0..9 with images.</source>
        <translation>此文件夹缺少 %1。它需要包含四个 MNIST 文件，或包含图像的 train/0..9 和 test/0..9 文件夹。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="161"/>
        <source>MNIST files found.</source>
        <translation>已找到 MNIST 文件。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="163"/>
        <source>Image folders found (train/0..9 and test/0..9).</source>
        <translation>已找到图像文件夹（train/0..9 和 test/0..9）。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="184"/>
        <source>Connecting...</source>
        <translation>正在连接...</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="186"/>
        <source>Downloading MNIST into %1...</source>
        <translation>正在将 MNIST 下载到 %1...</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="195"/>
        <source>Downloading %1 (file %2 of %3)</source>
        <translation>正在下载 %1（第 %2 个，共 %3 个文件）</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="209"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="221"/>
        <source>The download was stopped; the files already downloaded are kept.</source>
        <translation>下载已停止；已下载的文件会保留。</translation>
    </message>
    <message>
        <location filename="../training/data_folder.py" line="225"/>
        <source>MNIST could not be downloaded. Are you offline? Connect to the internet and try again, or copy the four MNIST files into a folder and choose it with Browse.</source>
        <translation>无法下载 MNIST。是否未联网？请连接互联网后重试，或将四个 MNIST 文件复制到一个文件夹，再用“浏览”选择它。</translation>
    </message>
</context>
<context>
    <name>EngineText</name>
    <message>
        <location filename="../engine_text.py" line="45"/>
        <source>No MNIST data yet: download it in Model &gt; Train (Download MNIST), or choose a folder.</source>
        <translation>还没有 MNIST 数据：请在“模型 &gt; 训练”中下载（下载 MNIST），或选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="48"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="52"/>
        <source>The folder %1 is missing %2. It needs the two MNIST test files, or a folder test/0..9 with images.</source>
        <translation>文件夹 %1 缺少 %2。它需要两个 MNIST 测试文件，或一个包含图像的 test/0..9 文件夹。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="57"/>
        <source>The folder %1 is missing %2. It needs the four MNIST files, or folders train/0..9 and test/0..9 with images.</source>
        <translation>文件夹 %1 缺少 %2。它需要四个 MNIST 文件，或包含图像的 train/0..9 和 test/0..9 文件夹。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="63"/>
        <source>The files in %1 could not be read: they may be damaged or truncated.</source>
        <translation>无法读取 %1 中的文件：文件可能已损坏或不完整。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="75"/>
        <source>The computer ran out of memory.</source>
        <translation>计算机内存不足。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="77"/>
        <source>These settings or this data cannot be used.</source>
        <translation>无法使用这些设置或这些数据。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="78"/>
        <location filename="../engine_text.py" line="243"/>
        <source>An unexpected error happened; the details say what it was.</source>
        <translation>发生了意外错误；详细信息中说明了原因。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="90"/>
        <source>MNIST test set</source>
        <translation>MNIST 测试集</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="92"/>
        <source>MNIST training set</source>
        <translation>MNIST 训练集</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="94"/>
        <location filename="../engine_text.py" line="226"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="97"/>
        <source>the images in %1</source>
        <translation>%1 中的图像</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="107"/>
        <source>Data: %1</source>
        <translation>数据：%1</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="109"/>
        <source>Accuracy: %1% of %2 digits, loss %3</source>
        <translation>准确率：%1%（共 %2 个数字），损失 %3</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="115"/>
        <source>digit  precision  recall     f1  support</source>
        <translation>数字   精确率    召回率     F1  样本数</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="121"/>
        <source>Confusion matrix (rows: true digit, columns: predicted)</source>
        <translation>混淆矩阵（行：真实数字，列：预测数字）</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="126"/>
        <source>Mistakes: %1</source>
        <translation>识别错误：%1</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="131"/>
        <source>%1: true %2, predicted %3 (%4%)</source>
        <translation>%1：真实 %2，预测 %3（%4%）</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="142"/>
        <source>... and %1 more (Model &gt; Evaluate lists them all)</source>
        <translation>……还有 %1 个（模型 &gt; 评估 会全部列出）</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="150"/>
        <location filename="../engine_text.py" line="205"/>
        <source>There is no such file.</source>
        <translation>没有这个文件。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="151"/>
        <source>This is a folder, not an image.</source>
        <translation>这是一个文件夹，不是图像。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="154"/>
        <source>This file is not an image DigitPad can read, or it is damaged.</source>
        <translation>DigitPad 无法读取这个文件，它不是图像或已损坏。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="158"/>
        <source>The image is too large (the details give the limits).</source>
        <translation>图像太大（详细信息中给出了上限）。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="160"/>
        <source>The image is empty (no pixels).</source>
        <translation>图像是空的（没有像素）。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="161"/>
        <source>This is not a regular file.</source>
        <translation>这不是一个普通文件。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="171"/>
        <source>The file could not be read as an image.</source>
        <translation>无法将该文件作为图像读取。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="175"/>
        <source>The file or folder does not exist.</source>
        <translation>文件或文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="176"/>
        <source>A file is in the way where a folder or file should be made.</source>
        <translation>要创建文件夹或文件的位置已有一个文件。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="177"/>
        <source>A part of the path is a file, not a folder.</source>
        <translation>路径中的某一部分是文件，而不是文件夹。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="178"/>
        <source>This is a folder, not a file.</source>
        <translation>这是一个文件夹，而不是文件。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="179"/>
        <location filename="../engine_text.py" line="180"/>
        <source>There is no permission to use this file or folder.</source>
        <translation>没有使用此文件或文件夹的权限。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="181"/>
        <source>The disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="182"/>
        <source>The disk is full, or the file is too large for it.</source>
        <translation>磁盘已满，或文件对该磁盘来说太大。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="183"/>
        <source>The disk quota is used up.</source>
        <translation>磁盘配额已用完。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="184"/>
        <source>The disk is read-only.</source>
        <translation>磁盘是只读的。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="185"/>
        <source>The name is too long for the file system.</source>
        <translation>名称对文件系统来说太长。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="186"/>
        <source>The disk could not be read or written (an input/output error).</source>
        <translation>无法读写磁盘（输入/输出错误）。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="192"/>
        <source>A model named %1 already exists.</source>
        <translation>已有名为 %1 的模型。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="194"/>
        <source>A model needs a name.</source>
        <translation>模型需要一个名称。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="195"/>
        <source>The drawing is empty.</source>
        <translation>绘图是空的。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="196"/>
        <source>The label must be a digit 0-9.</source>
        <translation>标签必须是 0-9 的数字。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="199"/>
        <source>This file is not a DigitPad model, or it is damaged.</source>
        <translation>此文件不是 DigitPad 模型，或者已损坏。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="203"/>
        <source>This file was refused: it holds Python objects, which can carry code.</source>
        <translation>已拒绝此文件：其中含有 Python 对象，可能携带代码。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="208"/>
        <source>This file holds no drawings: a file of drawings is JSON Lines text (UTF-8), one drawing per line. The details say what is wrong with it.</source>
        <translation>该文件中没有手写样本：手写样本文件应为 UTF-8 编码的 JSON Lines 文本，每行一个样本。详细信息中说明了问题所在。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="223"/>
        <source>The system refused (the details say why).</source>
        <translation>系统拒绝了该操作（详细信息中有原因）。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="242"/>
        <source>The file or the value cannot be used (the details say why).</source>
        <translation>无法使用该文件或值（详细信息中有原因）。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="258"/>
        <source>it is a file, not a folder</source>
        <translation>它是一个文件，而不是文件夹</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="262"/>
        <source>DigitPad&apos;s data folder %1 cannot be used (%2). Recognizing works, but drawings, models, settings and the log cannot be saved until it names a usable folder (the DIGITPAD_DATA_DIR environment variable, if set).</source>
        <translation>无法使用 DigitPad 的数据文件夹 %1（%2）。识别仍可使用，但在它指向可用的文件夹（如已设置 DIGITPAD_DATA_DIR 环境变量，请修改它）之前，无法保存绘图、模型、设置和日志。</translation>
    </message>
    <message>
        <location filename="../engine_text.py" line="273"/>
        <source>DigitPad&apos;s data folder %1 cannot be written. Recognizing works, but drawings, models, settings and the log cannot be saved.</source>
        <translation>无法写入 DigitPad 的数据文件夹 %1。识别仍可使用，但无法保存绘图、模型、设置和日志。</translation>
    </message>
</context>
<context>
    <name>EvaluateDialog</name>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="68"/>
        <location filename="../dialogs/evaluate_dialog.py" line="203"/>
        <source>Evaluate Model</source>
        <translation>评估模型</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="96"/>
        <source>MNIST folder (empty: DigitPad&apos;s MNIST folder)</source>
        <translation>MNIST 文件夹（留空：DigitPad 的 MNIST 文件夹）</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="97"/>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="99"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="102"/>
        <source>Test data:</source>
        <translation>测试数据：</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="73"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="113"/>
        <source>Digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="113"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="113"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="113"/>
        <source>Support</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="116"/>
        <source>Rows: true digit; columns: predicted digit</source>
        <translation>行：真实数字；列：预测数字</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="124"/>
        <source>Per digit</source>
        <translation>各数字</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="125"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="126"/>
        <source>Mistakes</source>
        <translation>识别错误</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="79"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="132"/>
        <source>Predicted digit →</source>
        <translation>预测的数字 →</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="134"/>
        <source>True
digit ↓</source>
        <translation>真实
数字 ↓</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="154"/>
        <source>Choose the test data folder</source>
        <translation>选择测试数据文件夹</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="162"/>
        <source>Evaluating %1 on the test images...</source>
        <translation>正在测试图像上评估 %1...</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="179"/>
        <source>%1 of %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="182"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="189"/>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="197"/>
        <source>Evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="200"/>
        <source>The model could not be evaluated.</source>
        <translation>无法评估该模型。</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="216"/>
        <source>%1 on %2: accuracy %3% of %4 digits, loss %5, %6 mistakes</source>
        <translation>%1 在 %2 上：%4 个数字的准确率为 %3%，损失 %5，错误 %6 个</translation>
    </message>
    <message>
        <location filename="../dialogs/evaluate_dialog.py" line="259"/>
        <source>%1: true %2, predicted %3 (%4%)</source>
        <translation>%1：真实为 %2，预测为 %3（%4%）</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <location filename="../my_handwriting/handwriting_gallery.py" line="55"/>
        <source>A %1, kept %2</source>
        <translation>数字 %1，保存于 %2</translation>
    </message>
</context>
<context>
    <name>Handwriting</name>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="179"/>
        <source>Kept as a %1: %2 of your %1s, %3 drawings in all.</source>
        <translation>已保存为 %1：您的 %1 共 %2 个，全部共 %3 个。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="63"/>
        <source>&amp;Correct...</source>
        <translation>更正(&amp;C)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="65"/>
        <source>Say which digit the drawing really is; DigitPad keeps it to learn your hand</source>
        <translation>说明这个笔迹实际上是哪个数字；DigitPad 会保存它以学习您的笔迹</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="68"/>
        <source>&amp;Keep as Example</source>
        <translation>保存为样本(&amp;K)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="70"/>
        <source>Keep the drawing as an example of the digit it was read as (Enter)</source>
        <translation>将此笔迹保存为识别出的数字的样本（回车）</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="75"/>
        <source>&amp;My Handwriting...</source>
        <translation>我的笔迹(&amp;M)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="77"/>
        <source>The drawings you kept, by digit: look, delete, export, import</source>
        <translation>按数字查看您保存的笔迹：浏览、删除、导出、导入</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="80"/>
        <source>&amp;Adapt to My Handwriting...</source>
        <translation>适配我的笔迹(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="82"/>
        <source>Fine-tune the active model on the drawings you kept</source>
        <translation>在您保存的手写样本上微调当前模型</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="110"/>
        <source>Nothing recognized: press the digit key to say which it is.</source>
        <translation>未识别出数字：请按数字键说明它是哪个数字。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="121"/>
        <source>Draw a digit first: DigitPad keeps drawings, not images.</source>
        <translation>请先画一个数字：DigitPad 保存的是手写笔迹，而不是图片。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="130"/>
        <source>The canvas holds %1 characters: keep one digit at a time (draw it alone, then press its key).</source>
        <translation>画布上有 %1 个字符：一次只保存一个数字（单独写出它，再按它的数字键）。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="168"/>
        <source>Kept as a %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="182"/>
        <source>Enough to learn your hand: Model &gt; Adapt to My Handwriting.</source>
        <translation>样本已足够学习您的笔迹：模型 &gt; 适配我的笔迹。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="160"/>
        <source>Keep Drawing</source>
        <translation>保存手写样本</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting.py" line="161"/>
        <source>The drawing could not be kept.</source>
        <translation>无法保存此笔迹。</translation>
    </message>
</context>
<context>
    <name>HandwritingDialog</name>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="58"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="133"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="137"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="238"/>
        <source>My Handwriting</source>
        <translation>我的笔迹</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="70"/>
        <source>&amp;Delete Selected</source>
        <translation>删除所选(&amp;D)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="71"/>
        <source>Delete &amp;All...</source>
        <translation>全部删除(&amp;A)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="72"/>
        <source>&amp;Export...</source>
        <translation>导出(&amp;E)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="73"/>
        <source>&amp;Import...</source>
        <translation>导入(&amp;I)...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="106"/>
        <source>Reading the drawings kept in %1...</source>
        <translation>正在读取保存在 %1 中的绘图...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="136"/>
        <source>The kept drawings could not be read.</source>
        <translation>无法读取保留的绘图。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="189"/>
        <source>1 line of the file could not be read; it is kept unchanged.</source>
        <translation>文件中有 1 行无法读取；该行原样保留。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="191"/>
        <source>%1 lines of the file could not be read; they are kept unchanged.</source>
        <translation>文件中有 %1 行无法读取；这些行原样保留。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="230"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="240"/>
        <source>Deleting %1 drawings...</source>
        <translation>正在删除 %1 个手写样本...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="246"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="261"/>
        <source>Export Drawings</source>
        <translation>导出手写样本</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="246"/>
        <source>JSON Lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="255"/>
        <source>Exporting the drawings to %1...</source>
        <translation>正在将手写样本导出到 %1...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="265"/>
        <location filename="../my_handwriting/handwriting_dialog.py" line="286"/>
        <source>Import Drawings</source>
        <translation>导入手写样本</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="265"/>
        <source>JSON Lines (*.jsonl *.json)</source>
        <translation>JSON Lines (*.jsonl *.json)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="237"/>
        <source>Delete all %1 kept drawings? This cannot be undone.</source>
        <translation>删除全部 %1 个已保存的手写样本？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="165"/>
        <source>All digits (%1)</source>
        <translation>全部数字 (%1)</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="281"/>
        <source>Imported %1 drawings.</source>
        <translation>已导入 %1 个手写样本。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="261"/>
        <source>Exported %1 drawings.</source>
        <translation>已导出 %1 个手写样本。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="186"/>
        <source>%1 drawings kept in %2</source>
        <translation>已保存 %1 个手写样本，位于 %2</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="274"/>
        <source>Importing the drawings of %1...</source>
        <translation>正在导入 %1 中的手写样本...</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="283"/>
        <source>%1 were kept already.</source>
        <translation>%1 个此前已保存。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="285"/>
        <source>%1 lines could not be read and were skipped.</source>
        <translation>%1 行无法读取，已跳过。</translation>
    </message>
    <message>
        <location filename="../my_handwriting/handwriting_dialog.py" line="169"/>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../dialogs/about.py" line="48"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="53"/>
        <source># DigitPad

Draw a digit or a whole number and watch a neural network read it as you write.

## How to use

- Draw a digit (0-9) or a number (2024, 3.14, -5) on the canvas with the mouse, a pen or a tablet, left to right on one line.
- The number appears large above the chart; click a digit on the canvas to see how sure the model is, all ten probabilities, and the 28 x 28 image it actually sees.
- Open, drop or paste an image of a digit or a number to recognize it.
- Teach DigitPad your handwriting: press Enter to keep a drawing as an example of the digit it was read as, or the digit&apos;s key (0-9) when it was read wrong; then Model &gt; Adapt to My Handwriting.
- Train your own model with Model &gt; Train Model, and compare it with Model &gt; Evaluate.

## Shortcuts

| Keys | Action |
|---|---|
| Ctrl+Z / Ctrl+Shift+Z | Undo / redo a stroke |
| Delete or Esc | Clear the canvas |
| P / E | Pen / eraser (right-drag also erases) |
| Enter / 0-9 | Keep the drawing as an example (of the digit read / of that digit) |
| Ctrl+O / Ctrl+V | Open / paste an image |
| Left / Right | Select the previous / next digit of a number |
| Ctrl+C | Copy the recognized number |
| Ctrl+S | Save the drawing as PNG |
| Ctrl+T | Train a model |
| F1 | This help |
| Ctrl+Q | Quit |
</source>
        <translation># DigitPad

画一个数字或一个完整的数，看神经网络边写边认。

## 使用方法

- 用鼠标、触控笔或数位板在画布上写一个数字（0-9）或一个数（2024、3.14、-5），从左到右写在同一行。
- 数会大字显示在图表上方；点击画布上的某个数字，可以看到模型的把握有多大、全部十个概率，以及它实际看到的 28 x 28 图像。
- 打开、拖入或粘贴一幅数字或数的图像即可识别。
- 让 DigitPad 学习您的笔迹：按 Enter 把绘图保存为所识别数字的示例；识别错了就按该数字的键（0-9）；然后使用“模型 &gt; 适配我的笔迹”。
- 用“模型 &gt; 训练模型”训练您自己的模型，并用“模型 &gt; 评估模型”进行比较。

## 快捷键

| 按键 | 操作 |
|---|---|
| Ctrl+Z / Ctrl+Shift+Z | 撤销 / 重做笔画 |
| Delete 或 Esc | 清空画布 |
| P / E | 画笔 / 橡皮擦（按住右键拖动也可擦除） |
| Enter / 0-9 | 保存绘图为示例（所识别的数字 / 该数字） |
| Ctrl+O / Ctrl+V | 打开 / 粘贴图像 |
| Left / Right | 选择数中的前一个 / 后一个数字 |
| Ctrl+C | 复制识别出的数 |
| Ctrl+S | 将绘图保存为 PNG |
| Ctrl+T | 训练模型 |
| F1 | 本帮助 |
| Ctrl+Q | 退出 |
</translation>
    </message>
</context>
<context>
    <name>ImagePreview</name>
    <message>
        <location filename="../prediction/charts.py" line="140"/>
        <source>What the model sees: your drawing as a 28 x 28 MNIST image</source>
        <translation>模型看到的内容：您的绘图转换成的 28 x 28 MNIST 图像</translation>
    </message>
    <message>
        <location filename="../prediction/charts.py" line="141"/>
        <source>What the model sees</source>
        <translation>模型看到的图像</translation>
    </message>
    <message>
        <location filename="../prediction/charts.py" line="152"/>
        <source>Empty: nothing drawn yet</source>
        <translation>空：尚未绘制任何内容</translation>
    </message>
    <message>
        <location filename="../prediction/charts.py" line="154"/>
        <source>Your drawing as the model sees it: a 28 x 28 image, centred and scaled</source>
        <translation>模型眼中的绘图：一幅居中并缩放的 28 x 28 图像</translation>
    </message>
</context>
<context>
    <name>InkCanvas</name>
    <message>
        <location filename="../drawing/canvas.py" line="59"/>
        <source>Draw a digit or a whole number here with the mouse, a pen or a tablet</source>
        <translation>用鼠标、触控笔或数位板在此写一个数字或一个完整的数</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="60"/>
        <source>Drawing canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="61"/>
        <source>Copy Number</source>
        <translation>复制数字</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="67"/>
        <source>Previous Digit</source>
        <translation>上一个数字</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="68"/>
        <source>Next Digit</source>
        <translation>下一个数字</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="84"/>
        <source>%1 strokes drawn</source>
        <translation>已绘制 %1 笔</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="86"/>
        <source>Empty: draw a digit or a number with the mouse, a pen or a tablet</source>
        <translation>空：用鼠标、触控笔或数位板写一个数字或一个数</translation>
    </message>
    <message>
        <location filename="../drawing/canvas.py" line="205"/>
        <source>Draw a digit or a number here</source>
        <translation>在此写一个数字或一个数</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../window/main_window.py" line="197"/>
        <source>Copied %1 as written (it is not a number)</source>
        <translation>已按原样复制 %1（它不是一个数）</translation>
    </message>
    <message>
        <location filename="../window/main_window.py" line="202"/>
        <source>Nothing copied: %1 is not a number.</source>
        <translation>未复制：%1 不是一个数。</translation>
    </message>
    <message>
        <location filename="../window/main_window.py" line="205"/>
        <source>Nothing to copy: draw a number first.</source>
        <translation>没有可复制的内容：请先写一个数。</translation>
    </message>
    <message>
        <location filename="../window/main_window.py" line="208"/>
        <source>Copied %1</source>
        <translation>已复制 %1</translation>
    </message>
    <message>
        <location filename="../main.py" line="111"/>
        <source>The last model could not be loaded; using the bundled one.</source>
        <translation>无法加载上次使用的模型；改用内置模型。</translation>
    </message>
    <message>
        <location filename="../main.py" line="118"/>
        <source>These settings could not be used and were reset: %1</source>
        <translation>以下设置无法使用，已恢复默认：%1</translation>
    </message>
    <message>
        <location filename="../main.py" line="165"/>
        <source>The new language is used the next time DigitPad starts.</source>
        <translation>新语言将在下次启动 DigitPad 时生效。</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../prediction/prediction_panel.py" line="228"/>
        <source>Not a digit: this picture looks like something else (a letter, a symbol, a drawing or noise).</source>
        <translation>不是数字：这张图片看起来是别的东西（字母、符号、图画或噪点）。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="44"/>
        <location filename="../prediction/prediction_panel.py" line="189"/>
        <location filename="../prediction/prediction_panel.py" line="197"/>
        <location filename="../prediction/prediction_panel.py" line="215"/>
        <source>Prediction</source>
        <translation>识别结果</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="55"/>
        <source>The digit the model recognizes</source>
        <translation>模型识别出的数字</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="56"/>
        <source>Predicted digit</source>
        <translation>识别出的数字</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="64"/>
        <source>The number read from the canvas; click a digit there to see its probabilities</source>
        <translation>从画布上读出的数；点击其中一个数字可查看它的概率</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="65"/>
        <source>Recognized number</source>
        <translation>识别出的数</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="68"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="70"/>
        <source>Copy the number to the clipboard (Ctrl+C on the canvas)</source>
        <translation>将数字复制到剪贴板（在画布上按 Ctrl+C）</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="86"/>
        <source>What the model sees
(28 x 28 pixels)</source>
        <translation>模型看到的图像
（28 x 28 像素）</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="92"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="150"/>
        <source>Not a number (more than one decimal point); Copy copies it as written</source>
        <translation>不是一个数（有多个小数点）；“复制”会按原样复制</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="151"/>
        <source>Not a number (a minus sign can only come first); Copy copies it as written</source>
        <translation>不是一个数（负号只能在最前面）；“复制”会按原样复制</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="152"/>
        <source>Not one number: it is written on several lines</source>
        <translation>不是一个数：写成了好几行</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="154"/>
        <source>Not a number</source>
        <translation>不是数</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="159"/>
        <source>Digit %1 of %2 (click another digit on the canvas to see it)</source>
        <translation>第 %1 个数字，共 %2 个（点击画布上的其他数字查看）</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="161"/>
        <source>Digit %1 of %2</source>
        <translation>第 %1 个数字，共 %2 个</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="190"/>
        <source>Draw a digit on the canvas, or open an image (Ctrl+O).</source>
        <translation>请在画布上画一个数字，或打开一幅图像 (Ctrl+O)。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="193"/>
        <source>No prediction yet</source>
        <translation>尚无识别结果</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="197"/>
        <location filename="../prediction/prediction_panel.py" line="215"/>
        <location filename="../prediction/prediction_panel.py" line="240"/>
        <source>Recognized from %1</source>
        <translation>识别自 %1</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="202"/>
        <source>Not sure: %1% confident. Maybe a %2?</source>
        <translation>不太确定：置信度 %1%。也可能是 %2？</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="205"/>
        <source>%1% confident</source>
        <translation>置信度 %1%</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="209"/>
        <source>Predicted digit: %1</source>
        <translation>识别出的数字：%1</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="217"/>
        <source>Not a digit: this picture is noise or a texture, with no strokes to read.</source>
        <translation>不是数字：这张图片是噪点或纹理，没有可识别的笔画。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="220"/>
        <source>Not a digit: this looks like a punctuation mark (a stroke with a point below it, as in ! or ?).</source>
        <translation>不是数字：这看起来像标点符号（下方带一个点的笔画，如 ! 或 ?）。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="224"/>
        <source>Not a digit: this looks like a scribble or a drawing (it encloses more loops than any digit).</source>
        <translation>不是数字：这看起来像涂鸦或图画（它围出的圈比任何数字都多）。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="231"/>
        <source>Not a digit: this drawing looks like something else (a letter, a symbol or a scribble).</source>
        <translation>不是数字：这幅绘图看起来像别的东西（字母、符号或涂鸦）。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="235"/>
        <source>Not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="241"/>
        <source>Nothing to recognize: the picture is blank, or its ink is too faint.</source>
        <translation>没有可识别的内容：图片是空白的，或笔迹太淡。</translation>
    </message>
    <message>
        <location filename="../prediction/prediction_panel.py" line="244"/>
        <source>Nothing to recognize</source>
        <translation>没有可识别的内容</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <location filename="../prediction/charts.py" line="50"/>
        <location filename="../prediction/charts.py" line="68"/>
        <source>How likely each digit is, according to the model</source>
        <translation>模型认为每个数字的可能性</translation>
    </message>
    <message>
        <location filename="../prediction/charts.py" line="51"/>
        <source>Probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../prediction/charts.py" line="52"/>
        <location filename="../prediction/charts.py" line="70"/>
        <source>No probabilities yet</source>
        <translation>尚无概率</translation>
    </message>
</context>
<context>
    <name>SavedModelsDialog</name>
    <message>
        <location filename="../models/saved_models.py" line="34"/>
        <source>not measured</source>
        <translation>未测量</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="42"/>
        <location filename="../models/saved_models.py" line="116"/>
        <source>Saved Models</source>
        <translation>已保存的模型</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="45"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="45"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="45"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="45"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="49"/>
        <source>Saved models</source>
        <translation>已保存的模型</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="50"/>
        <source>No saved models yet: train one with Model &gt; Train Model.</source>
        <translation>尚无已保存的模型：请用“模型 &gt; 训练模型”训练一个。</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="51"/>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="52"/>
        <source>Rename...</source>
        <translation>重命名...</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="53"/>
        <source>Delete...</source>
        <translation>删除...</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="54"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="88"/>
        <source>%1 (active)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="117"/>
        <source>The model %1 could not be loaded; the current model stays.</source>
        <translation>无法加载模型 %1；继续使用当前模型。</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="127"/>
        <location filename="../models/saved_models.py" line="135"/>
        <source>Rename Model</source>
        <translation>重命名模型</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="127"/>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="136"/>
        <source>The model could not be renamed: %1</source>
        <translation>无法重命名该模型：%1</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="144"/>
        <source>Delete the model %1? This cannot be undone.</source>
        <translation>删除模型 %1？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="146"/>
        <source>It is the active model: DigitPad goes back to the bundled model.</source>
        <translation>它是当前模型：DigitPad 将改回内置模型。</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="147"/>
        <location filename="../models/saved_models.py" line="154"/>
        <source>Delete Model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../models/saved_models.py" line="155"/>
        <source>The model could not be deleted: %1</source>
        <translation>无法删除该模型：%1</translation>
    </message>
</context>
<context>
    <name>TrainDialog</name>
    <message>
        <location filename="../training/dialog.py" line="33"/>
        <location filename="../training/dialog.py" line="151"/>
        <source>Train Model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="41"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="54"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="55"/>
        <source>Cancel Training</source>
        <translation>取消训练</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="56"/>
        <source>Save and Use</source>
        <translation>保存并使用</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="57"/>
        <source>Save the new model to your models folder and recognize with it</source>
        <translation>将新模型保存到您的模型文件夹，并用它进行识别</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="58"/>
        <source>Save Only</source>
        <translation>仅保存</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="59"/>
        <source>Save the new model; load it later from Model &gt; Saved Models</source>
        <translation>保存新模型；之后可从“模型 &gt; 已保存的模型”加载</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="60"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="80"/>
        <source>Start a new training without saving the new model?</source>
        <translation>不保存新模型就开始新的训练吗？</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="108"/>
        <source>Loading data...</source>
        <translation>正在加载数据...</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="109"/>
        <source>Training %1 on %2 thread(s)...</source>
        <translation>正在用 %2 个线程训练 %1...</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="125"/>
        <source>Stopping...</source>
        <translation>正在停止...</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="137"/>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="139"/>
        <source>The training data could not be read.</source>
        <translation>无法读取训练数据。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="140"/>
        <source>Training stopped: the model did not learn.</source>
        <translation>训练已停止：模型没有学到东西。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="141"/>
        <source>Training ran out of memory. Try a smaller batch size or a smaller network.</source>
        <translation>训练时内存不足。请尝试更小的批大小或更小的网络。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="142"/>
        <source>These settings cannot be used.</source>
        <translation>无法使用这些设置。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="144"/>
        <source>Training failed.</source>
        <translation>训练失败。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="145"/>
        <source>The active model is unchanged.</source>
        <translation>当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="156"/>
        <source>Stop the download and close? The files downloaded so far are kept.</source>
        <translation>停止下载并关闭吗？已下载的文件会保留。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="157"/>
        <source>Stop the training and close? The model trained so far is not kept.</source>
        <translation>停止训练并关闭？目前训练出的模型不会保留。</translation>
    </message>
    <message>
        <location filename="../training/dialog.py" line="164"/>
        <source>Close without saving the new model?</source>
        <translation>不保存新模型就关闭？</translation>
    </message>
</context>
<context>
    <name>TrainForm</name>
    <message>
        <location filename="../training/form.py" line="49"/>
        <source>The network to train</source>
        <translation>要训练的网络</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="73"/>
        <source>How many times to go through the training images</source>
        <translation>遍历训练图像的次数</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="77"/>
        <source>Images per training step</source>
        <translation>每个训练步骤的图像数</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="81"/>
        <source>Peak learning rate (one-cycle schedule)</source>
        <translation>峰值学习率（one-cycle 调度）</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="95"/>
        <source>Random shifts, rotations and scaling</source>
        <translation>随机平移、旋转和缩放</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="96"/>
        <source>Augmentation makes the model more robust to real handwriting</source>
        <translation>数据增强使模型对真实手写更稳健</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="107"/>
        <source>Automatic: bf16 mixed precision where the processor runs it natively (about twice as fast), fp32 elsewhere. Weights stay fp32.</source>
        <translation>自动：处理器原生支持 bf16 时使用 bf16 混合精度（约快一倍），否则使用 fp32。权重始终为 fp32。</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="55"/>
        <source>Architecture:</source>
        <translation>网络结构：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="56"/>
        <source>Data folder:</source>
        <translation>数据文件夹：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="57"/>
        <source>Epochs:</source>
        <translation>训练轮数：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="58"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="87"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="90"/>
        <source>Test and save a moving average of the weights, with this decay per training step. It smooths the last epochs&apos; noise in long runs (0.999 for 10,000 steps or more); in short runs it holds too much of the first steps. 0: off.</source>
        <translation>测试并保存权重的滑动平均，每个训练步按此衰减率更新。它能平滑长时间训练中最后几轮的波动（10,000 步及以上用 0.999）；短时间训练中它保留了太多最初几步的权重。0：关闭。</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="61"/>
        <source>Weight averaging (EMA decay):</source>
        <translation>权重平均（EMA 衰减率）：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="59"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="60"/>
        <source>Optimizer:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="62"/>
        <source>Augmentation:</source>
        <translation>数据增强：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="63"/>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="103"/>
        <location filename="../training/form.py" line="128"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../training/form.py" line="64"/>
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
</context>
<context>
    <name>TrainResults</name>
    <message>
        <location filename="../training/results.py" line="34"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="35"/>
        <source>Choose the settings and press Start.</source>
        <translation>选择设置后按“开始”。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="39"/>
        <source>These settings could not be used and were reset: %1</source>
        <translation>以下设置无法使用，已恢复默认：%1</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="45"/>
        <source>The evaluation report on the test images appears here.</source>
        <translation>测试图像上的评估报告将显示在这里。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="65"/>
        <source>Epoch %1 of %2 · %p% of the run (ETA %3)</source>
        <translation>第 %1 / %2 轮 · 全程 %p%（预计剩余 %3）</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="76"/>
        <source>Train loss %1, accuracy %2%, %3 images/s</source>
        <translation>训练损失 %1，准确率 %2%，每秒 %3 张图像</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="92"/>
        <location filename="../training/results.py" line="96"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="93"/>
        <source>Training was cancelled; the active model is unchanged.</source>
        <translation>训练已取消；当前模型保持不变。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="99"/>
        <source>Cancelled after %1 of %2 epochs: test accuracy %3%. Save the model to keep it.</source>
        <translation>已在第 %1 / %2 轮后取消：测试准确率 %3%。保存模型即可保留它。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="109"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="112"/>
        <source>Finished in %1: test accuracy %2%. Save the model to keep it.</source>
        <translation>用时 %1 完成：测试准确率 %2%。保存模型以便保留。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="136"/>
        <location filename="../training/results.py" line="149"/>
        <source>Save Model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="136"/>
        <source>Name of the new model:</source>
        <translation>新模型的名称：</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="146"/>
        <source>Writing the file failed (is the disk full?)</source>
        <translation>写入文件失败（磁盘是否已满？）</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="149"/>
        <source>The model could not be saved: %1</source>
        <translation>无法保存模型：%1</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="159"/>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="160"/>
        <source>The new model could not be loaded.</source>
        <translation>无法加载新模型。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="165"/>
        <source>Saved as %1; it is now the active model.</source>
        <translation>已保存为 %1；现已成为当前模型。</translation>
    </message>
    <message>
        <location filename="../training/results.py" line="167"/>
        <source>Saved as %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../training/curves.py" line="202"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../training/curves.py" line="203"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../training/curves.py" line="210"/>
        <location filename="../training/curves.py" line="223"/>
        <location filename="../training/curves.py" line="224"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../training/curves.py" line="211"/>
        <location filename="../training/curves.py" line="228"/>
        <location filename="../training/curves.py" line="229"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../training/curves.py" line="212"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
</context>
<context>
    <name>WindowImages</name>
    <message>
        <location filename="../window/window_images.py" line="40"/>
        <location filename="../window/window_images.py" line="96"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="40"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="53"/>
        <source>Opening %1...</source>
        <translation>正在打开 %1...</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="58"/>
        <location filename="../window/window_images.py" line="71"/>
        <source>the clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="64"/>
        <source>Recognized %1</source>
        <translation>已识别 %1</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="64"/>
        <source>Nothing to recognize in %1: the picture is blank</source>
        <translation>%1 中没有可识别的内容：图片是空白的</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="72"/>
        <source>Pasted a drawing: its strokes can be edited</source>
        <translation>已粘贴绘图：笔画可以继续编辑</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="74"/>
        <source>Opened the drawing %1: its strokes can be edited</source>
        <translation>已打开绘图 %1：笔画可以继续编辑</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="95"/>
        <source>%1 could not be opened.</source>
        <translation>无法打开 %1。</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="101"/>
        <source>The clipboard holds no image.</source>
        <translation>剪贴板中没有图像。</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="109"/>
        <source>Nothing to save: the canvas is empty.</source>
        <translation>没有可保存的内容：画布是空的。</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="113"/>
        <location filename="../window/window_images.py" line="132"/>
        <source>Save Drawing</source>
        <translation>保存绘图</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="113"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="133"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="138"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../window/window_images.py" line="140"/>
        <source>Saved %1 as a picture only: the drawing is too large to keep its strokes for editing</source>
        <translation>已将 %1 仅保存为图片：绘图过大，无法保留可编辑的笔画</translation>
    </message>
</context>
<context>
    <name>WindowModels</name>
    <message>
        <location filename="../window/window_models.py" line="29"/>
        <source>Loading the model...</source>
        <translation>正在加载模型……</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="31"/>
        <source>Loading the model... Draw already: the digit is recognized in a moment.</source>
        <translation>正在加载模型……现在就可以书写：稍后即会识别数字。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="36"/>
        <source>Now recognizing with %1</source>
        <translation>现在使用 %1 进行识别</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="62"/>
        <source>bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="63"/>
        <source>Model: %1 (%2)</source>
        <translation>模型：%1（%2）</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="65"/>
        <source>test accuracy %1%</source>
        <translation>测试准确率 %1%</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="74"/>
        <source>The model given with --model could not be loaded. DigitPad uses its bundled model.</source>
        <translation>无法加载 --model 指定的模型。DigitPad 改用内置模型。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="77"/>
        <source>The last model could not be loaded; using the bundled one.</source>
        <translation>无法加载上次使用的模型；改用内置模型。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="83"/>
        <source>No model</source>
        <translation>没有模型</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="85"/>
        <source>DigitPad cannot recognize: the model is missing or damaged.</source>
        <translation>DigitPad 无法识别：模型缺失或已损坏。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="92"/>
        <source>Loading the model... this opens in a moment.</source>
        <translation>正在加载模型……稍后即会打开。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="101"/>
        <source>The model %1 could not be loaded; the current model stays.</source>
        <translation>无法加载模型 %1；继续使用当前模型。</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="103"/>
        <location filename="../window/window_models.py" line="111"/>
        <location filename="../window/window_models.py" line="123"/>
        <source>Load Model</source>
        <translation>加载模型</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="111"/>
        <source>DigitPad models (*.pt)</source>
        <translation>DigitPad 模型 (*.pt)</translation>
    </message>
    <message>
        <location filename="../window/window_models.py" line="122"/>
        <source>The bundled model could not be loaded; the current model stays.</source>
        <translation>无法加载内置模型；继续使用当前模型。</translation>
    </message>
</context>
</TS>
