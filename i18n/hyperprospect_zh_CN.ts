<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HyperProspect</name>
    <message>
        <source>HyperProspect — Python dependencies</source>
        <translation>HyperProspect — Python 依赖包</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>All Python packages HyperProspect needs are available.</source>
        <translation>HyperProspect 所需的 Python 包均已可用。</translation>
    </message>
    <message>
        <source>Installation finished. Restart QGIS if a package was already loaded.</source>
        <translation>安装完成。如某个包此前已被加载，请重启 QGIS。</translation>
    </message>
    <message>
        <source>Install the pinned versions into {0} (added to Python's search path)?</source>
        <translation>将指定版本安装到 {0}（并加入 Python 搜索路径）？</translation>
    </message>
    <message>
        <source>The full pip log is in {0}.</source>
        <translation>完整的 pip 日志位于 {0}。</translation>
    </message>
    <message>
        <source>Python dependencies…</source>
        <translation>Python 依赖包…</translation>
    </message>
    <message>
        <source>Spectra panel</source>
        <translation>光谱面板</translation>
    </message>
    <message>
        <source>Take a pixel spectrum from the map</source>
        <translation>从地图上提取像元光谱</translation>
    </message>
    <message>
        <source>Install…</source>
        <translation>安装…</translation>
    </message>
    <message>
        <source>Select a hyperspectral raster layer (more than 3 bands) first.</source>
        <translation>请先选择一个高光谱栅格图层（多于 3 个波段）。</translation>
    </message>
    <message>
        <source>The point is outside the layer '{0}'.</source>
        <translation>该点位于图层“{0}”范围之外。</translation>
    </message>
    <message>
        <source>Could not read the pixel of '{0}'.</source>
        <translation>无法读取图层“{0}”的像元。</translation>
    </message>
    <message>
        <source>Open files…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Identify the selected spectra (all when none is selected)</source>
        <translation>识别所选光谱（未选择时识别全部）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Points layer</source>
        <translation>点图层</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>HyperProspect spectra</source>
        <translation>HyperProspect 光谱</translation>
    </message>
    <message>
        <source>Display: continuum removal, feature markers, legend</source>
        <translation>显示：去包络线、特征吸收标记、图例</translation>
    </message>
    <message>
        <source>Continuum removed</source>
        <translation>去包络线</translation>
    </message>
    <message>
        <source>Feature markers</source>
        <translation>特征吸收标记</translation>
    </message>
    <message>
        <source>Legend (shown by itself for up to 8 curves)</source>
        <translation>图例（曲线不超过 8 条时自动显示）</translation>
    </message>
    <message>
        <source>Open or drop spectrometer files or folders here.</source>
        <translation>打开或拖放光谱仪文件或文件夹到此处。</translation>
    </message>
    <message>
        <source>Open spectrometer files</source>
        <translation>打开光谱仪文件</translation>
    </message>
    <message>
        <source>Spectra (*.asd *.sig *.sed *.sli *.hdr *.txt *.csv *.jdx *.dx *.spc);;All files (*)</source>
        <translation>光谱文件 (*.asd *.sig *.sed *.sli *.hdr *.txt *.csv *.jdx *.dx *.spc);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a folder of spectra</source>
        <translation>打开光谱文件夹</translation>
    </message>
    <message>
        <source>Continuum-removed reflectance</source>
        <translation>去包络线反射率</translation>
    </message>
    <message>
        <source>Identification cancelled.</source>
        <translation>识别已取消。</translation>
    </message>
    <message>
        <source>Export identification results</source>
        <translation>导出识别结果</translation>
    </message>
    <message>
        <source>Identified spectra</source>
        <translation>识别结果</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>最佳匹配</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>仪器</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Mineral</source>
        <translation>矿物</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Loaded 1 spectrum.</source>
        <translation>已加载 1 条光谱。</translation>
    </message>
    <message>
        <source>Loaded {0} spectra.</source>
        <translation>已加载 {0} 条光谱。</translation>
    </message>
    <message>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <source>not identified</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>Load spectra first.</source>
        <translation>请先加载光谱。</translation>
    </message>
    <message>
        <source>Identifying 1 spectrum</source>
        <translation>正在识别 1 条光谱</translation>
    </message>
    <message>
        <source>Identifying {0} spectra</source>
        <translation>正在识别 {0} 条光谱</translation>
    </message>
    <message>
        <source>None of the identified spectra carries a GPS position.</source>
        <translation>已识别的光谱均不含 GPS 位置。</translation>
    </message>
    <message>
        <source>Untick to hide this curve</source>
        <translation>取消勾选以隐藏该曲线</translation>
    </message>
    <message>
        <source>Identification failed: {0}</source>
        <translation>识别失败：{0}</translation>
    </message>
    <message>
        <source>Results written to {0}</source>
        <translation>结果已写入 {0}</translation>
    </message>
    <message>
        <source> (and {0} more)</source>
        <translation>（另有 {0} 个）</translation>
    </message>
    <message>
        <source>no diagnostic feature (like {0})</source>
        <translation>无诊断性吸收特征（类似 {0}）</translation>
    </message>
    <message>
        <source>Identified {0} of 1 spectrum; not identified: {2}</source>
        <translation>已识别 1 条光谱中的 {0} 条；未识别：{2}</translation>
    </message>
    <message>
        <source>Identified {0} of {1} spectra; not identified: {2}</source>
        <translation>已识别 {1} 条光谱中的 {0} 条；未识别：{2}</translation>
    </message>
    <message>
        <source>Identified 1 spectrum.</source>
        <translation>已识别 1 条光谱。</translation>
    </message>
    <message>
        <source>Identified {0} spectra.</source>
        <translation>已识别 {0} 条光谱。</translation>
    </message>
    <message>
        <source>Could not read 1 file: {1}{2}</source>
        <translation>无法读取 1 个文件：{1}{2}</translation>
    </message>
    <message>
        <source>Could not read {0} files: {1}{2}</source>
        <translation>无法读取 {0} 个文件：{1}{2}</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>提示：{0}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>No reference spectra: {0}</source>
        <translation>无参考光谱：{0}</translation>
    </message>
    <message>
        <source>beryl Fe²⁺ 830</source>
        <translation>绿柱石 Fe²⁺ 830</translation>
    </message>
    <message>
        <source>OH/H₂O 1410</source>
        <translation>OH/H₂O 1410</translation>
    </message>
    <message>
        <source>H₂O 1910</source>
        <translation>H₂O 1910</translation>
    </message>
    <message>
        <source>beryl 2055</source>
        <translation>绿柱石 2055</translation>
    </message>
    <message>
        <source>beryl 2155</source>
        <translation>绿柱石 2155</translation>
    </message>
    <message>
        <source>Al-OH 2200</source>
        <translation>Al-OH 2200</translation>
    </message>
    <message>
        <source>spodumene 2207</source>
        <translation>锂辉石 2207</translation>
    </message>
    <message>
        <source>Mg-OH/CO₃ 2340</source>
        <translation>Mg-OH/CO₃ 2340</translation>
    </message>
    <message>
        <source>Wavelength (nm)</source>
        <translation>波长 (nm)</translation>
    </message>
    <message>
        <source>Reflectance</source>
        <translation>反射率</translation>
    </message>
    <message>
        <source>reference: {0}</source>
        <translation>参考：{0}</translation>
    </message>
    <message>
        <source>1 · Prepare inputs</source>
        <translation>1 · 准备输入数据</translation>
    </message>
    <message>
        <source>2 · Graph data set</source>
        <translation>2 · 图数据集</translation>
    </message>
    <message>
        <source>3 · Train and evaluate</source>
        <translation>3 · 训练与评估</translation>
    </message>
    <message>
        <source>4 · Predict</source>
        <translation>4 · 预测</translation>
    </message>
    <message>
        <source>Spectra</source>
        <translation>光谱</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>工具</translation>
    </message>
    <message>
        <source>Cancelled by the user; no output was written.</source>
        <translation>用户已取消；未写入任何输出。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>No raster layer given for {0}.</source>
        <translation>未为 {0} 指定栅格图层。</translation>
    </message>
    <message>
        <source>{0}: the layer '{1}' is served by '{2}', not a file GDAL can read; save it as GeoTIFF first.</source>
        <translation>{0}：图层“{1}”由“{2}”提供，不是 GDAL 可读取的文件；请先另存为 GeoTIFF。</translation>
    </message>
    <message>
        <source>No vector layer given for {0}.</source>
        <translation>未为 {0} 指定矢量图层。</translation>
    </message>
    <message>
        <source>The layer '{0}' ({1}) has no features.</source>
        <translation>图层“{0}”（{1}）没有要素。</translation>
    </message>
    <message>
        <source>Could not export '{0}': {1}</source>
        <translation>无法导出“{0}”：{1}</translation>
    </message>
    <message>
        <source>Needs: {0}</source>
        <translation>需要：{0}</translation>
    </message>
    <message>
        <source>Band subset by wavelength</source>
        <translation>按波长提取波段子集</translation>
    </message>
    <message>
        <source>Keeps the bands of a hyperspectral raster whose centre wavelength lies in the given ranges and writes them to a GeoTIFF that keeps the CRS, transform and nodata and records the kept wavelengths in its metadata. The default ranges (782–902 nm and 2014–2400 nm) are the paper's: they avoid the water-vapour bands and cover beryl's 830 nm feature and the 2055–2207 nm features of beryl and spodumene (about 37 bands of ZY-1 02D AHSI). Wavelengths come from the file (ENVI header, GDAL band metadata); for files without them choose a sensor preset or type the list.</source>
        <translation>保留高光谱栅格中中心波长位于指定范围内的波段，写出保留坐标系、仿射变换和无效值并在元数据中记录所保留波长的 GeoTIFF。默认范围（782–902 nm 与 2014–2400 nm）取自论文：避开水汽吸收波段，覆盖绿柱石 830 nm 特征以及绿柱石和锂辉石 2055–2207 nm 的特征（ZY-1 02D AHSI 约 37 个波段）。波长取自文件（ENVI 头文件、GDAL 波段元数据）；文件不含波长时请选择传感器预设或输入波长列表。</translation>
    </message>
    <message>
        <source>Ranges in nm (or µm) such as '782-902; 2014-2400'; bounds are inclusive.</source>
        <translation>以 nm（或 µm）表示的范围，例如“782-902; 2014-2400”；包含边界。</translation>
    </message>
    <message>
        <source>Band table used when the file carries no wavelengths (or always, with 'override').</source>
        <translation>文件不含波长信息时使用的波段表（选择“覆盖”时始终使用）。</translation>
    </message>
    <message>
        <source>Comma-separated list, one per band, used when the file carries none.</source>
        <translation>以逗号分隔、每个波段一个值的列表，在文件不含波长信息时使用。</translation>
    </message>
    <message>
        <source>Use the preset or list even if the file has its own wavelengths.</source>
        <translation>即使文件自带波长，也使用预设或列表。</translation>
    </message>
    <message>
        <source>Hyperspectral raster</source>
        <translation>高光谱栅格</translation>
    </message>
    <message>
        <source>Wavelength ranges (nm)</source>
        <translation>波长范围 (nm)</translation>
    </message>
    <message>
        <source>Sensor preset (when the file has no wavelengths)</source>
        <translation>传感器预设（文件不含波长时）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Band centre wavelengths (when the file has none)</source>
        <translation>波段中心波长（文件不含波长时）</translation>
    </message>
    <message>
        <source>Override the file's wavelengths with the preset or list</source>
        <translation>用预设或列表覆盖文件中的波长</translation>
    </message>
    <message>
        <source>Band subset</source>
        <translation>波段子集</translation>
    </message>
    <message>
        <source>Number of bands kept</source>
        <translation>保留的波段数</translation>
    </message>
    <message>
        <source>Kept {0} bands ({1}–{2} nm) of '{3}', wavelengths from {4}.</source>
        <translation>保留“{3}”的 {0} 个波段（{1}–{2} nm），波长来源：{4}。</translation>
    </message>
    <message>
        <source>Build graph data set</source>
        <translation>构建图数据集</translation>
    </message>
    <message>
        <source>Stacks the given rasters (spectral bands first, then geology layers such as distance to pluton and to fault; all on one grid), cuts the stack into k×k-pixel tiles and turns each tile into a graph: one node per pixel with the stacked values as its features, edges between pixels closer than a ground-distance threshold (1.7 × pixel size gives the 8-neighbourhood, the paper's 170 m at 100 m spacing). A tile is labelled mineralised when it meets the known bodies buffered by the label buffer (paper: 100 m). Tiles with nodata are skipped and counted. The data set file records channels, wavelengths, normalisation statistics, tile size, edge rule, grid and tile positions; it is read by 'Train GCN'.</source>
        <translation>将给定栅格叠加（先光谱波段，再地质图层如距岩体和距断层距离；须位于同一网格），把叠加结果切分为 k×k 像元的图块，并将每个图块转换为图：每个像元为一个节点，其特征为叠加值；地面距离小于阈值的像元之间连边（1.7 × 像元大小即 8 邻域，对应论文中 100 m 间距下的 170 m）。图块与按标注缓冲距离（论文：100 m）缓冲后的已知矿体相交时标为含矿。含无效值的图块将被跳过并计数。数据集文件记录通道、波长、归一化统计量、图块大小、连边规则、网格和图块位置，供“训练 GCN”读取。</translation>
    </message>
    <message>
        <source>0 keeps every barren tile; e.g. 3 samples at most three barren tiles per mineralised one (the paper used 646 : 218).</source>
        <translation>0 表示保留全部无矿图块；例如 3 表示每个含矿图块最多抽取三个无矿图块（论文为 646 : 218）。</translation>
    </message>
    <message>
        <source>Barren tiles must lie at least this far from known bodies (unlabelled otherwise).</source>
        <translation>无矿图块与已知矿体的距离至少为此值（否则不作标注）。</translation>
    </message>
    <message>
        <source>Share of a tile that must lie in the buffered bodies for it to count as mineralised (0 = touching is enough).</source>
        <translation>图块落在缓冲后矿体内的最小比例，达到后才计为含矿（0 表示相接即可）。</translation>
    </message>
    <message>
        <source>Known mineralised bodies (polygons or points)</source>
        <translation>已知含矿体（面或点）</translation>
    </message>
    <message>
        <source>Tile size k (pixels)</source>
        <translation>图块大小 k（像元）</translation>
    </message>
    <message>
        <source>Stride (pixels; 0 = tile size)</source>
        <translation>步长（像元；0 = 图块大小）</translation>
    </message>
    <message>
        <source>Edge threshold (× pixel size)</source>
        <translation>连边阈值（× 像元大小）</translation>
    </message>
    <message>
        <source>Label buffer around known bodies (m)</source>
        <translation>已知矿体标注缓冲距离 (m)</translation>
    </message>
    <message>
        <source>Minimum positive fraction</source>
        <translation>最小正样本比例</translation>
    </message>
    <message>
        <source>Negative-to-positive ratio (0 = keep all)</source>
        <translation>负正样本比例（0 = 全部保留）</translation>
    </message>
    <message>
        <source>Keep-out distance for barren tiles (m)</source>
        <translation>无矿图块排除距离 (m)</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Graph data set</source>
        <translation>图数据集</translation>
    </message>
    <message>
        <source>Rasters to stack (spectral subset, distance to pluton, distance to fault)</source>
        <translation>待叠加的栅格（光谱子集、距岩体距离、距断层距离）</translation>
    </message>
    <message>
        <source>Tile footprints</source>
        <translation>图块范围</translation>
    </message>
    <message>
        <source>Tiles</source>
        <translation>图块数</translation>
    </message>
    <message>
        <source>Mineralised tiles</source>
        <translation>含矿图块</translation>
    </message>
    <message>
        <source>Barren tiles</source>
        <translation>无矿图块</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Give at least one raster to stack.</source>
        <translation>请至少指定一个待叠加的栅格。</translation>
    </message>
    <message>
        <source>Check Python dependencies</source>
        <translation>检查 Python 依赖包</translation>
    </message>
    <message>
        <source>Lists the Python packages HyperProspect needs and whether QGIS's Python can find them. Missing packages can be installed from the Plugins menu (HyperProspect ▸ Python dependencies…).</source>
        <translation>列出 HyperProspect 所需的 Python 包及 QGIS 的 Python 能否找到它们。缺失的包可从插件菜单（HyperProspect ▸ Python 依赖包…）安装。</translation>
    </message>
    <message>
        <source>Missing packages (comma separated)</source>
        <translation>缺失的包（逗号分隔）</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>The output has exactly its grid: CRS, transform and size. It must be in a projected CRS (metres); a raster in degrees is refused rather than given wrong distances.</source>
        <translation>输出与其网格完全一致：坐标系、仿射变换和尺寸。它必须采用投影坐标系（米）；以度为单位的栅格将被拒绝，以免得到错误的距离。</translation>
    </message>
    <message>
        <source>Exact Euclidean distance (default) or the paper's inverse-distance-weighted interpolation of distances sampled on a coarse lattice.</source>
        <translation>精确欧氏距离（默认），或论文采用的、在粗网格上采样距离后的反距离加权插值。</translation>
    </message>
    <message>
        <source>Distance to pluton</source>
        <translation>距岩体距离</translation>
    </message>
    <message>
        <source>Writes a float32 raster on exactly the grid of the reference raster giving, for every pixel, the distance in metres to the nearest granite pluton: 0 inside a pluton, or, as an option, the signed distance to the contact (negative inside). Pegmatites cluster within a few kilometres of their parent granite; this is the paper's first geology channel. Polygons in another CRS are reprojected.</source>
        <translation>在与参考栅格完全相同的网格上写出 float32 栅格，给出每个像元到最近花岗岩岩体的距离（米）：岩体内为 0，或可选为到接触带的有符号距离（岩体内为负）。伟晶岩多聚集在母岩花岗岩数公里范围内；这是论文的第一个地质通道。其他坐标系的面要素会被重投影。</translation>
    </message>
    <message>
        <source>Distance to fault</source>
        <translation>距断层距离</translation>
    </message>
    <message>
        <source>Writes a float32 raster on exactly the grid of the reference raster giving, for every pixel, the distance in metres to the nearest fault line. Faults are the pathways of pegmatite melts; this is the paper's second geology channel. Lines in another CRS are reprojected.</source>
        <translation>在与参考栅格完全相同的网格上写出 float32 栅格，给出每个像元到最近断层线的距离（米）。断层是伟晶岩熔体的运移通道；这是论文的第二个地质通道。其他坐标系的线要素会被重投影。</translation>
    </message>
    <message>
        <source>Reference raster (grid of the output)</source>
        <translation>参考栅格（输出网格）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Exact Euclidean distance</source>
        <translation>精确欧氏距离</translation>
    </message>
    <message>
        <source>Inverse distance weighting (paper)</source>
        <translation>反距离加权（论文方法）</translation>
    </message>
    <message>
        <source>Signed distance to the contact (negative inside)</source>
        <translation>到接触带的有符号距离（岩体内为负）</translation>
    </message>
    <message>
        <source>inverse distance weighting</source>
        <translation>反距离加权</translation>
    </message>
    <message>
        <source>exact Euclidean distance</source>
        <translation>精确欧氏距离</translation>
    </message>
    <message>
        <source>{0} pluton feature(s); distance {1}–{2} m on a {3} m grid ({4}).</source>
        <translation>{0} 个岩体要素；在 {3} m 网格上距离为 {1}–{2} m（{4}）。</translation>
    </message>
    <message>
        <source>{0} fault feature(s); distance {1}–{2} m on a {3} m grid ({4}).</source>
        <translation>{0} 个断层要素；在 {3} m 网格上距离为 {1}–{2} m（{4}）。</translation>
    </message>
    <message>
        <source>Largest distance (m)</source>
        <translation>最大距离 (m)</translation>
    </message>
    <message>
        <source>{0}, signed</source>
        <translation>{0}，带符号</translation>
    </message>
    <message>
        <source>Evaluate a heatmap against deposits</source>
        <translation>按矿床评估热力图</translation>
    </message>
    <message>
        <source>Scores any probability raster (band 1; higher = more prospective) against a polygon or point layer of deposits with a status field, as exploration maps are judged on ground they were not trained on. Per status (e.g. known / hidden / barren): the prediction-rate curve (share of the bodies whose best pixel lies in the top x % of the area) with its AUC, and the share captured in the top 5, 10 and 20 % of the area. Per pixel: ROC AUC of pixels inside fertile bodies against background pixels (outside every body, optionally beyond a buffer) and against pixels inside barren bodies — the second tells a map that sees pegmatite mineralogy from a halo around the granites (0.5 = chance). Writes JSON and a PNG beside the raster (or where asked) and a page for the Results Viewer. Deposits in another CRS are reprojected; nodata pixels count neither as area nor as evidence.</source>
        <translation>将任意概率栅格（第 1 波段；值越高越有远景）与带状态字段的矿床面或点图层进行对比评分，即按勘查图在未参与训练的区域上的表现来评判。按状态（如 已知 / 隐伏 / 无矿）：预测率曲线（最佳像元位于面积前 x % 内的矿体比例）及其 AUC，以及面积前 5 %、10 % 和 20 % 内捕获的比例。按像元：含矿矿体内像元相对背景像元（位于所有矿体之外，可另加缓冲距离）以及相对无矿矿体内像元的 ROC AUC——后者可区分真正识别伟晶岩矿物组合的图与仅在花岗岩周围形成晕圈的图（0.5 = 随机）。在栅格旁（或指定位置）写出 JSON 和 PNG，并为结果查看器生成页面。其他坐标系的矿床将被重投影；无效值像元既不计入面积也不作为证据。</translation>
    </message>
    <message>
        <source>One curve per value. Leave empty to score all deposits as one fertile group.</source>
        <translation>每个取值一条曲线。留空则将所有矿床作为一个含矿组评分。</translation>
    </message>
    <message>
        <source>Comma-separated, case-insensitive (default 'barren').</source>
        <translation>逗号分隔，不区分大小写（默认 'barren'）。</translation>
    </message>
    <message>
        <source>Comma-separated; empty = every status that is not barren. Name e.g. 'hidden' to judge the map on the bodies it was not trained on only.</source>
        <translation>逗号分隔；留空 = 所有非无矿状态。例如填写 'hidden'，仅以模型未训练过的矿体评判该图。</translation>
    </message>
    <message>
        <source>Background pixels must lie this far (m) outside every body, so the edge of a body blurred by the map is not counted against it.</source>
        <translation>背景像元须位于所有矿体之外至少此距离（米），以免图中矿体被模糊的边缘被算作不利证据。</translation>
    </message>
    <message>
        <source>Skip to write &lt;raster&gt;_evaluation.json (and .png) beside the raster.</source>
        <translation>跳过则在栅格旁写出 &lt;栅格名&gt;_evaluation.json（及 .png）。</translation>
    </message>
    <message>
        <source>Probability raster</source>
        <translation>概率栅格</translation>
    </message>
    <message>
        <source>Deposits (polygons or points)</source>
        <translation>矿床（面或点）</translation>
    </message>
    <message>
        <source>Barren status values (comma-separated)</source>
        <translation>无矿状态值（逗号分隔）</translation>
    </message>
    <message>
        <source>Fertile status values (comma-separated; empty = all but barren)</source>
        <translation>含矿状态值（逗号分隔；留空 = 除无矿外全部）</translation>
    </message>
    <message>
        <source>Background buffer around bodies (m)</source>
        <translation>矿体周围的背景缓冲距离（米）</translation>
    </message>
    <message>
        <source>Evaluation page</source>
        <translation>评估页面</translation>
    </message>
    <message>
        <source>Status field</source>
        <translation>状态字段</translation>
    </message>
    <message>
        <source>Evaluation JSON</source>
        <translation>评估 JSON</translation>
    </message>
    <message>
        <source>Evaluation plots (PNG)</source>
        <translation>评估图（PNG）</translation>
    </message>
    <message>
        <source>Prediction-rate AUC per status (JSON)</source>
        <translation>各状态的预测率 AUC（JSON）</translation>
    </message>
    <message>
        <source>{0} ({1}, {2} body): prediction-rate AUC {3}; share captured in the {4}</source>
        <translation>{0}（{1}，{2} 个矿体）：预测率 AUC {3}；捕获比例：{4}</translation>
    </message>
    <message>
        <source>{0} ({1}, {2} bodies): prediction-rate AUC {3}; share captured in the {4}</source>
        <translation>{0}（{1}，{2} 个矿体）：预测率 AUC {3}；捕获比例：{4}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>all fertile bodies</source>
        <translation>全部含矿矿体</translation>
    </message>
    <message>
        <source>Pixel ROC AUC, {0} against {1}: {2} ({3} vs {4} pixels)</source>
        <translation>像元 ROC AUC，{0}对{1}：{2}（{3} 对 {4} 个像元）</translation>
    </message>
    <message>
        <source>top {0} %: {1}</source>
        <translation>面积前 {0} %：{1}</translation>
    </message>
    <message>
        <source>Identify minerals in spectra</source>
        <translation>光谱矿物识别</translation>
    </message>
    <message>
        <source>Reads spectrometer files (ASD FieldSpec, Spectra Vista .sig, Spectral Evolution .sed, ENVI spectral libraries, USGS/ECOSTRESS/RELAB ASCII, JCAMP-DX, CSV) and names the mineral of every spectrum with the GeoSpectra cross-instrument network shipped with the plugin. The output table has one row per spectrum: the file, the spectrum's name, the instrument, the top candidates with their probabilities, notes (low confidence, vegetation, partial wavelength coverage) and, where the file records a GPS fix, a point. Files that cannot be read get a row with the reason. The model knows a closed list of minerals: a spectrum of something else still gets the nearest names, flagged as low confidence. The log shows the reasons and notes in your language; the table keeps them in English, so that scripts can read it.</source>
        <translation>读取光谱仪文件（ASD FieldSpec、Spectra Vista .sig、Spectral Evolution .sed、ENVI 波谱库、USGS/ECOSTRESS/RELAB ASCII、JCAMP-DX、CSV），用插件自带的 GeoSpectra 跨仪器网络识别每条光谱的矿物。输出表每条光谱一行：文件、光谱名称、仪器、前几位候选矿物及其概率、提示（置信度低、植被、波长覆盖不全），文件中有 GPS 定位时附带点位。无法读取的文件也占一行并给出原因。模型只认识一个封闭的矿物列表：其他物质的光谱仍会得到最相近的名称，并标记为低置信度。日志以您的界面语言显示原因和提示；输出表中保留英文原文，以便脚本读取。</translation>
    </message>
    <message>
        <source>Any number of files; combine with a folder or use either.</source>
        <translation>任意数量的文件；可与文件夹同时使用，也可只用其一。</translation>
    </message>
    <message>
        <source>'From the file' uses the instrument the file names (ASD, Beckman, Nicolet, AVIRIS, AHSI); choose one to override it for every spectrum.</source>
        <translation>“取自文件”使用文件中记录的仪器（ASD、Beckman、Nicolet、AVIRIS、AHSI）；选择某一仪器则对所有光谱统一使用该仪器。</translation>
    </message>
    <message>
        <source>Empty = the shipped model. A GeoSpectra .safetensors file describes its own classes and grid.</source>
        <translation>留空 = 使用自带模型。GeoSpectra .safetensors 文件自身描述其类别和波长网格。</translation>
    </message>
    <message>
        <source>Where the network runs: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or cuda:N for a given GPU. The results are the same within float precision.</source>
        <translation>网络在哪里运行：auto = torch 检测到 CUDA GPU 时用 GPU，否则用 CPU；cpu；cuda 或 cuda:N 指定某块 GPU。结果在浮点精度内相同。</translation>
    </message>
    <message>
        <source>Folder of spectrometer files</source>
        <translation>光谱仪文件夹</translation>
    </message>
    <message>
        <source>Include sub-folders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <source>Candidates per spectrum</source>
        <translation>每条光谱的候选数</translation>
    </message>
    <message>
        <source>From the file</source>
        <translation>取自文件</translation>
    </message>
    <message>
        <source>ASD FieldSpec (field or lab)</source>
        <translation>ASD FieldSpec（野外或实验室）</translation>
    </message>
    <message>
        <source>Beckman spectrophotometer (USGS lab)</source>
        <translation>Beckman 分光光度计（USGS 实验室）</translation>
    </message>
    <message>
        <source>Nicolet FTIR (USGS lab)</source>
        <translation>Nicolet 傅里叶红外光谱仪（USGS 实验室）</translation>
    </message>
    <message>
        <source>AVIRIS (airborne)</source>
        <translation>AVIRIS（机载）</translation>
    </message>
    <message>
        <source>ZY-1 02D AHSI (satellite)</source>
        <translation>资源一号 02D AHSI（卫星）</translation>
    </message>
    <message>
        <source>Other instrument</source>
        <translation>其他仪器</translation>
    </message>
    <message>
        <source>GeoSpectra model (empty = shipped)</source>
        <translation>GeoSpectra 模型（留空 = 自带）</translation>
    </message>
    <message>
        <source>Device (auto, cpu, cuda or cuda:N)</source>
        <translation>计算设备（auto、cpu、cuda 或 cuda:N）</translation>
    </message>
    <message>
        <source>Spectrometer files</source>
        <translation>光谱仪文件</translation>
    </message>
    <message>
        <source>Spectra identified</source>
        <translation>已识别光谱数</translation>
    </message>
    <message>
        <source>Files or spectra not identified</source>
        <translation>未识别的文件或光谱数</translation>
    </message>
    <message>
        <source>Give spectrometer files, a folder, or both.</source>
        <translation>请提供光谱仪文件、文件夹或两者。</translation>
    </message>
    <message>
        <source>Spectra read: {0}, from {1} file(s)</source>
        <translation>已读取光谱：{0} 条，来自 {1} 个文件</translation>
    </message>
    <message>
        <source>Spectra identified: {0}; files or spectra not identified: {1}</source>
        <translation>已识别光谱：{0} 条；未识别的文件或光谱：{1} 个</translation>
    </message>
    <message>
        <source>No spectrum could be read from the given files ({0} failed).</source>
        <translation>无法从所给文件中读取任何光谱（{0} 个失败）。</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>文件夹 {0} 不存在。</translation>
    </message>
    <message>
        <source>Map minerals (GeoSpectra per pixel)</source>
        <translation>矿物填图（逐像元 GeoSpectra）</translation>
    </message>
    <message>
        <source>Applies the GeoSpectra network to every pixel of a hyperspectral reflectance raster, seeing each pixel as the sensor recorded it (band centres and FWHM from the file or a sensor preset). Writes a class raster on the input grid (GDAL category names, a legend of mineral names; 'no diagnostic feature' where the pixel shows no absorption a mineral can be told by in the covered range, 'green vegetation' where the pixel is a plant's (red edge, chlorophyll absorption, green peak), 'dark surface' where it reflects less than 8 % everywhere (shadow, water, coal or opaque minerals, which VNIR–SWIR cannot tell apart), 'nodata' where the input has none), a confidence raster (_confidence.tif: probability of the mapped answer) and, for the minerals you pick, probability bands (_probabilities.tif, one band per mineral, 0 on green vegetation and dark surfaces, usable as extra channels in Build graphs). Only minerals with a diagnostic feature inside the image's wavelength range can be mapped: on a 2.0–2.5 µm image iron oxides cannot be the answer.</source>
        <translation>将 GeoSpectra 网络应用于高光谱反射率栅格的每个像元，并按传感器实际记录的方式看待每个像元（波段中心和半高宽取自文件或传感器预设）。在输入网格上写出分类栅格（GDAL 类别名称及矿物名称图例；像元在覆盖波段内没有可用于识别矿物的吸收特征时为“无诊断特征”，像元为植物时（红边、叶绿素吸收、绿峰）为“绿色植被”，像元在各波段反射率均低于 8 % 时为“暗地表”（阴影、水体、煤或不透明矿物，可见光–短波红外无法区分），输入无数据处为“无数据”）、置信度栅格（_confidence.tif：所填矿物的概率），以及所选矿物的概率波段（_probabilities.tif，每种矿物一个波段，绿色植被和暗地表处为 0，可作为“构建图数据集”的附加通道）。只有诊断特征位于影像波长范围内的矿物才能被填图：在 2.0–2.5 µm 影像上，铁氧化物不可能成为答案。</translation>
    </message>
    <message>
        <source>Used when the raster carries no wavelengths.</source>
        <translation>当栅格不含波长信息时使用。</translation>
    </message>
    <message>
        <source>Minerals whose probability is written as bands (optional).</source>
        <translation>以波段形式写出其概率的矿物（可选）。</translation>
    </message>
    <message>
        <source>Empty = the shipped model.</source>
        <translation>留空 = 随插件提供的模型。</translation>
    </message>
    <message>
        <source>The first of GeoSpectra's networks (the shipped model averages four) classifies a sample of the image's pixels; a small network learns its answers and maps the image several times faster, sending to that network every pixel it is unsure of or has not seen the like of. It is checked on held-out pixels and dropped unless it agrees on 98 % of them (then the whole model maps every pixel); the log gives the agreement. Not used with a Dask scheduler.</source>
        <translation>GeoSpectra 的第一个网络（随附模型平均四个网络）先对影像的一部分像元进行识别；一个小网络学习其结果，以数倍速度完成整幅影像制图，凡是小网络没有把握或从未见过类似光谱的像元都交回该网络处理。小网络在留出像元上接受检验，若一致率低于 98 % 则弃用（此时由完整模型逐一制图）；日志中给出一致率。使用 Dask 调度器时不启用。</translation>
    </message>
    <message>
        <source>Empty: this computer. An address such as tcp://host:8786 sends windows of the raster to that Dask cluster (the same map, as Cloud-Optimized GeoTIFFs); its workers must read the raster under the same path and have HyperProspect's models package.</source>
        <translation>留空：在本机计算。填写 tcp://host:8786 这样的地址，则把栅格分窗口发送到该 Dask 集群计算（结果图相同，输出为云优化 GeoTIFF）；集群的工作节点须能以相同路径读取该栅格，并装有 HyperProspect 的 models 包。</translation>
    </message>
    <message>
        <source>Hyperspectral reflectance raster</source>
        <translation>高光谱反射率栅格</translation>
    </message>
    <message>
        <source>Sensor preset (when the raster has no wavelengths)</source>
        <translation>传感器预设（栅格不含波长时）</translation>
    </message>
    <message>
        <source>Fast mapping (small network taught and checked by GeoSpectra)</source>
        <translation>快速制图（由 GeoSpectra 训练并检验的小网络）</translation>
    </message>
    <message>
        <source>Dask scheduler address (empty = this computer)</source>
        <translation>Dask 调度器地址（留空 = 本机）</translation>
    </message>
    <message>
        <source>Mineral classes</source>
        <translation>矿物类别</translation>
    </message>
    <message>
        <source>Probability bands for minerals</source>
        <translation>矿物概率波段</translation>
    </message>
    <message>
        <source>Mineral probabilities</source>
        <translation>矿物概率</translation>
    </message>
    <message>
        <source>Pixels per class (JSON)</source>
        <translation>各类别像元数（JSON）</translation>
    </message>
    <message>
        <source>{0}: 1 pixel</source>
        <translation>{0}：1 个像元</translation>
    </message>
    <message>
        <source>{0}: {1} pixels</source>
        <translation>{0}：{1} 个像元</translation>
    </message>
    <message>
        <source>Fast mapping: the small network agreed with GeoSpectra on {0:.1%} of {1} held-out pixels; GeoSpectra mapped {2:.1%} of the image itself.</source>
        <translation>快速制图：小网络在 {1} 个留出像元上与 GeoSpectra 的一致率为 {0:.1%}；GeoSpectra 亲自处理了影像中 {2:.1%} 的像元。</translation>
    </message>
    <message>
        <source>Fast mapping not used: {0}</source>
        <translation>未使用快速制图：{0}</translation>
    </message>
    <message>
        <source>Predict probability heatmap</source>
        <translation>预测概率热力图</translation>
    </message>
    <message>
        <source>Applies a trained model to every tile of an area and writes a float32 GeoTIFF of the probability of mineralisation (0–1, nodata where no full tile fits or the input has nodata) on the input grid, styled as a heatmap (a .qml beside it; low probabilities transparent). Give the raw hyperspectral raster and the pluton and fault layers: the model file remembers its bands, geology layers, normalisation and tile size, so the channels are rebuilt here exactly as in training, and an image whose wavelengths cannot provide them is refused. Stride = tile size gives one value per tile as in the paper; smaller strides average overlapping tiles into a smoother map. With a layer of known deposits, writes the prediction-rate curve (share of deposits captured against share of the area, by rank) with its AUC.</source>
        <translation>将训练好的模型应用于区域内的每个图块，在输入网格上写出含矿概率的 float32 GeoTIFF（0–1；无完整图块或输入为无效值处为无效值），并以热力图样式呈现（旁附 .qml；低概率透明）。请提供原始高光谱栅格及岩体和断层图层：模型文件记录了其波段、地质图层、归一化和图块大小，因此此处按与训练完全相同的方式重建通道；波长无法提供这些通道的影像将被拒绝。步长等于图块大小时每个图块一个值（同论文）；更小的步长对重叠图块取平均，得到更平滑的图。给定已知矿床图层时，输出预测率曲线（按排序的面积比例对应捕获的矿床比例）及其 AUC。</translation>
    </message>
    <message>
        <source>0 = the model's default: tile size for tile models, half of it for the node GCN (every pixel scored in four tiles). Smaller strides cost (tile/stride)² more tiles.</source>
        <translation>0 = 模型默认值：瓦片模型为瓦片大小，节点 GCN 为其一半（每个像元在四个瓦片中评分）。步长越小，瓦片数增加 (瓦片/步长)² 倍。</translation>
    </message>
    <message>
        <source>For the node GCN: the spread (standard deviation) of eight Monte-Carlo dropout passes, as a second raster '&lt;heatmap&gt;_uncertainty.tif' with its own style. High probability with low spread is a confident target; high spread means the model is unsure there (unusual spectra or geology) — check it in the field before trusting it.</source>
        <translation>用于节点 GCN：八次蒙特卡洛 dropout 推理结果的离散度（标准差），作为带自有样式的第二个栅格“&lt;热力图&gt;_uncertainty.tif”写出。高概率且低离散度表示可信靶区；高离散度表示模型在该处不确定（光谱或地质条件异常），应先野外核查再采信。</translation>
    </message>
    <message>
        <source>Contiguous ground in the top share of the area, ranked, with area, mean/max probability and uncertainty and the distance to the nearest deposit of the deposits layer: what to take to the field (the same as Exploration targets from a heatmap).</source>
        <translation>面积前若干比例内的连续区域，按排序给出面积、平均/最大概率和不确定性以及到矿床图层中最近矿床的距离：可带到野外的靶区（与“由热力图生成勘查靶区”相同）。</translation>
    </message>
    <message>
        <source>Gives the prediction-rate curve: a PNG and a page the Results Viewer opens, beside the heatmap.</source>
        <translation>用于绘制预测率曲线：在热图旁写出 PNG 图和一个可在结果查看器中打开的页面。</translation>
    </message>
    <message>
        <source>E.g. a 'status' field with known / hidden: one curve per value.</source>
        <translation>例如取值为 known / hidden 的“status”字段：每个取值一条曲线。</translation>
    </message>
    <message>
        <source>Empty: this computer. An address such as tcp://host:8786 sends the windows of the raster to that Dask cluster (the same map, as a Cloud-Optimized GeoTIFF); the cluster's workers must read the raster and layers under the same paths and have HyperProspect's models package.</source>
        <translation>留空：在本机计算。填写 tcp://host:8786 这样的地址，则把栅格分窗口发送到该 Dask 集群计算（结果图相同，输出为云优化 GeoTIFF）；集群的工作节点须能以相同路径读取栅格和图层，并装有 HyperProspect 的 models 包。</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>模型文件</translation>
    </message>
    <message>
        <source>Hyperspectral raster (all bands)</source>
        <translation>高光谱栅格（全部波段）</translation>
    </message>
    <message>
        <source>Plutons (if the model uses distance to pluton)</source>
        <translation>岩体（模型使用距岩体距离时）</translation>
    </message>
    <message>
        <source>Faults (if the model uses distance to fault)</source>
        <translation>断层（模型使用距断层距离时）</translation>
    </message>
    <message>
        <source>Known deposits for the prediction-rate curve</source>
        <translation>用于预测率曲线的已知矿床</translation>
    </message>
    <message>
        <source>Also write the uncertainty map (node GCN; 8 Monte-Carlo dropout passes)</source>
        <translation>同时写出不确定性图（节点 GCN；8 次蒙特卡洛 dropout）</translation>
    </message>
    <message>
        <source>Targets: top share of the area (%)</source>
        <translation>靶区：面积前比例（%）</translation>
    </message>
    <message>
        <source>Probability heatmap</source>
        <translation>概率热力图</translation>
    </message>
    <message>
        <source>Deposit group field</source>
        <translation>矿床分组字段</translation>
    </message>
    <message>
        <source>Exploration targets (top share of the area)</source>
        <translation>勘查靶区（面积前比例）</translation>
    </message>
    <message>
        <source>Tiles scored</source>
        <translation>已评分图块数</translation>
    </message>
    <message>
        <source>Uncertainty map</source>
        <translation>不确定性图</translation>
    </message>
    <message>
        <source>Prediction-rate AUC (JSON)</source>
        <translation>预测率曲线 AUC (JSON)</translation>
    </message>
    <message>
        <source>Prediction-rate curve (PNG)</source>
        <translation>预测率曲线 (PNG)</translation>
    </message>
    <message>
        <source>Prediction-rate curve</source>
        <translation>预测率曲线</translation>
    </message>
    <message>
        <source>Prediction-rate AUC ({0}, {1} body): {2}</source>
        <translation>预测率 AUC（{0}，{1} 个矿体）：{2}</translation>
    </message>
    <message>
        <source>Prediction-rate AUC ({0}, {1} bodies): {2}</source>
        <translation>预测率 AUC（{0}，{1} 个矿体）：{2}</translation>
    </message>
    <message>
        <source>Scored {0} tiles ({1} skipped for nodata); style {2}</source>
        <translation>已评分 {0} 个图块（{1} 个因无效值跳过）；样式 {2}</translation>
    </message>
    <message>
        <source>Targets: {0}</source>
        <translation>靶区：{0}</translation>
    </message>
    <message>
        <source>Prediction-rate curve: {0}</source>
        <translation>预测率曲线：{0}</translation>
    </message>
    <message>
        <source>Generate sample study area</source>
        <translation>生成示例研究区</translation>
    </message>
    <message>
        <source>Builds a small synthetic but geologically plausible study area to try the workflow on: a ZY-1 02D AHSI reflectance cube (166 bands, 30 m, UTM 44N near Dahongliutan) whose pixels are mixtures of real USGS mineral spectra convolved to the sensor, granite plutons, faults, and pegmatite dykes near pluton contacts and along faults, split into known (for training) and hidden (for judging the map) bodies. Deterministic for a given seed.</source>
        <translation>生成一个小型的合成但符合地质规律的研究区以试用工作流：ZY-1 02D AHSI 反射率数据立方体（166 个波段，30 m，大红柳滩附近 UTM 44N），其像元为卷积到传感器波段的真实 USGS 矿物光谱的混合；花岗岩岩体、断层，以及分布在岩体接触带附近和断层沿线的伟晶岩脉，分为已知（用于训练）和隐伏（用于评价成果图）两类。给定种子时结果确定。</translation>
    </message>
    <message>
        <source>Width (pixels)</source>
        <translation>宽度（像元）</translation>
    </message>
    <message>
        <source>Height (pixels)</source>
        <translation>高度（像元）</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Hyperspectral cube</source>
        <translation>高光谱数据立方体</translation>
    </message>
    <message>
        <source>Plutons</source>
        <translation>岩体</translation>
    </message>
    <message>
        <source>Faults</source>
        <translation>断层</translation>
    </message>
    <message>
        <source>Known pegmatites</source>
        <translation>已知伟晶岩</translation>
    </message>
    <message>
        <source>Hidden pegmatites</source>
        <translation>隐伏（未用于训练）伟晶岩</translation>
    </message>
    <message>
        <source>All pegmatites (status field)</source>
        <translation>全部伟晶岩（status 字段）</translation>
    </message>
    <message>
        <source>Scene description (JSON)</source>
        <translation>场景描述 (JSON)</translation>
    </message>
    <message>
        <source>Sample area written to {0}</source>
        <translation>示例研究区已写入 {0}</translation>
    </message>
    <message>
        <source>Exploration targets from a heatmap</source>
        <translation>由热力图生成勘查靶区</translation>
    </message>
    <message>
        <source>Turns a probability heatmap into target polygons to take to the field: contiguous ground with a probability at or above a threshold, or in the top share of the area by rank (ground tied at the cut is left out when it would exceed the share, so a flat background never becomes a target). Each target carries its rank (1 = highest mean probability), area in m² and km², mean and maximum probability, mean and maximum uncertainty (with an uncertainty raster on the same grid) and the distance in metres to the nearest known deposit (0 when it touches one; with a layer of known deposits, in any CRS). Targets smaller than the minimum area are dropped. Written as a GeoPackage; the raster must be in a projected CRS so that areas are in metres.</source>
        <translation>将概率热力图转换为可带到野外的靶区多边形：概率不低于阈值的连续区域，或按排序位于面积前若干比例内的连续区域（若计入与截断值相同的像元会超出该比例，则将其排除，因此平坦背景不会成为靶区）。每个靶区包含：排序（1 = 平均概率最高）、面积（m² 和 km²）、平均和最大概率、平均和最大不确定性（提供同网格的不确定性栅格时）以及到最近已知矿床的距离（米；与之接触时为 0；需提供已知矿床图层，坐标系不限）。小于最小面积的靶区将被删除。输出为 GeoPackage；栅格须为投影坐标系，以便以米计算面积。</translation>
    </message>
    <message>
        <source>A probability threshold, or the top share of the valid area (percent) by rank.</source>
        <translation>概率阈值，或按排序的有效面积前若干比例（百分比）。</translation>
    </message>
    <message>
        <source>8: pixels touching at a corner form one target (follows thin diagonal dykes); 4: only pixels sharing an edge.</source>
        <translation>8：角点相接的像元构成同一靶区（可追踪斜向细脉）；4：仅共边的像元。</translation>
    </message>
    <message>
        <source>A target far from every known deposit is a new idea; one on top of a known deposit confirms the map.</source>
        <translation>远离所有已知矿床的靶区是新的找矿思路；与已知矿床重合的靶区则印证了该图。</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选择方式</translation>
    </message>
    <message>
        <source>Probability threshold</source>
        <translation>概率阈值</translation>
    </message>
    <message>
        <source>Top share of the area (by rank)</source>
        <translation>面积前比例（按排序）</translation>
    </message>
    <message>
        <source>Top share of the area (%)</source>
        <translation>面积前比例（%）</translation>
    </message>
    <message>
        <source>Uncertainty raster (same grid)</source>
        <translation>不确定性栅格（同一网格）</translation>
    </message>
    <message>
        <source>Known deposits</source>
        <translation>已知矿床</translation>
    </message>
    <message>
        <source>Minimum target area (m²)</source>
        <translation>最小靶区面积（m²）</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>连通性</translation>
    </message>
    <message>
        <source>8 (corners join)</source>
        <translation>8（角点相连）</translation>
    </message>
    <message>
        <source>4 (edges only)</source>
        <translation>4（仅共边）</translation>
    </message>
    <message>
        <source>Exploration targets</source>
        <translation>勘查靶区</translation>
    </message>
    <message>
        <source>Number of targets</source>
        <translation>靶区数量</translation>
    </message>
    <message>
        <source>Lowest probability selected</source>
        <translation>选中的最低概率</translation>
    </message>
    <message>
        <source>No ground was selected: lower the threshold or raise the share.</source>
        <translation>未选中任何区域：请降低阈值或提高比例。</translation>
    </message>
    <message>
        <source>Train GCN</source>
        <translation>训练 GCN</translation>
    </message>
    <message>
        <source>Trains a prospectivity model on a graph data set: by default the node GCN (the paper's enhanced-GCN trunk scoring every pixel) and per-pixel gradient boosting, blended by rank; either of the two alone; or the paper's enhanced graph convolutional network (three GCN layers with batch normalisation, two batch-normalised residual projections, global add pooling; Adam, learning rate 0.001, hidden size 256, 200 epochs), keeping the checkpoint best on validation. The 7:3 train/validation split takes whole spatial blocks, spread evenly over the area, so overlapping or touching tiles never leak across it. Optionally trains the baselines on the same split (plain GCN, CNN on the tiles, SVM on the spectral channels) and a grid search over hidden size and learning rate. Writes a self-describing model file (safetensors + JSON: channels, wavelengths, normalisation, tile size, classes) and an HTML report with loss curves, metrics, confusion matrix, ROC and precision-recall curves and the comparison table. Training runs in a separate process: QGIS stays responsive and cancel stops it promptly.</source>
        <translation>在图数据集上训练找矿远景模型：默认为节点 GCN（采用论文增强 GCN 的主干对每个像元评分）与逐像元梯度提升按秩融合；也可单独训练二者之一；或训练论文中的改进图卷积网络（三层带批归一化的 GCN、两个批归一化残差投影、全局加和池化；Adam、学习率 0.001、隐藏层 256、200 轮），保留验证集上最优的检查点。7:3 的训练/验证划分以整块空间区块为单位并在研究区内均匀分布，重叠或相邻的图块不会跨划分泄漏。可选在相同划分上训练基线模型（原始 GCN、基于图块的 CNN、仅用光谱通道的 SVM）以及对隐藏层大小和学习率进行网格搜索。输出自描述的模型文件（safetensors + JSON：通道、波长、归一化、图块大小、类别）和包含损失曲线、指标、混淆矩阵、ROC 与精确率-召回率曲线及对比表的 HTML 报告。训练在独立进程中运行：QGIS 保持响应，取消可立即停止。</translation>
    </message>
    <message>
        <source>Node GCN + gradient boosting (recommended) trains the two pixel models below on the same split and maps the mean of their ranks (each pixel's share of the training area scoring lower), on the node GCN's probability scale: on areas neither saw, each of the two wins on some fields and the blend comes close to the better one (README, 'How good is the map'). Node GCN scores every pixel: the paper's enhanced-GCN trunk with one output per node, spectral-shape features (log reflectance relative to its mean, continuum-removed depth) and a per-pixel skip, trained on the pixels of the known bodies; its map follows the dykes. Enhanced GCN (paper) classifies whole tiles as in Table 1. Gradient boosting judges each pixel on its own bands, spectral shape and geology layers: the per-pixel peer. Once validated, the pixel models are fitted again on every labelled tile and that fit is saved; the report's figures are those of the validated fit.</source>
        <translation>节点 GCN + 梯度提升（推荐）在同一划分上训练下面两种逐像元模型，并绘制二者秩的平均值（每个像元在训练区中得分低于它的像元所占比例），以节点 GCN 的概率尺度表示：在二者都未见过的区域上，两者各有胜出的地区，而融合结果接近较好的一个（见 README“How good is the map”）。节点 GCN 对每个像元评分：采用论文增强 GCN 的主干，每个节点一个输出，加入光谱形态特征（相对均值的对数反射率、去包络深度）和逐像元跳连，以已知矿体的像元训练；其图件沿岩脉分布。增强 GCN（论文）按表 1 对整个瓦片分类。梯度提升仅凭每个像元自身的波段、光谱形态和地质图层判断：它是逐像元的对照方法。验证之后，逐像元模型会在全部有标签的瓦片上重新拟合并保存该拟合；报告中的数字来自经过验证的那次拟合。</translation>
    </message>
    <message>
        <source>Also train plain GCN, CNN and SVM (and, for the pixel models, the paper's enhanced GCN and per-pixel gradient boosting) on the same split (the paper's Fig. 6); each is saved beside the model (&lt;model&gt;.&lt;arch&gt;.hpm), a blend's two models too.</source>
        <translation>在同一划分上同时训练普通 GCN、CNN 和 SVM（对逐像元模型还包括论文的增强 GCN 和逐像元梯度提升）（论文图 6）；每个模型都保存在主模型旁（&lt;model&gt;.&lt;arch&gt;.hpm），融合模型的两个成员也是如此。</translation>
    </message>
    <message>
        <source>Try hidden sizes 64/128/256 × learning rates 0.01/0.001/0.0001 before the final run.</source>
        <translation>在正式训练前尝试隐藏层大小 64/128/256 × 学习率 0.01/0.001/0.0001。</translation>
    </message>
    <message>
        <source>On (default): once validated, the pixel models (node GCN, gradient boosting, their blend) are fitted again on every labelled tile, validation blocks included, and that fit is saved; it maps unseen fields better. Off: the saved model is the validated fit itself.</source>
        <translation>开启（默认）：验证之后，逐像元模型（节点 GCN、梯度提升及二者的融合）会在全部有标签的瓦片（包括验证块）上重新拟合并保存该拟合；它在未见过的区域上成图更好。关闭：保存的就是经过验证的那次拟合。</translation>
    </message>
    <message>
        <source>Mineralised tiles are rare; weighting the loss by inverse class frequency keeps the models from answering 'barren' everywhere. Off = the paper's plain cross-entropy.</source>
        <translation>含矿图块稀少；按类别频率的倒数加权损失可避免模型处处判为“无矿”。关闭 = 论文中的普通交叉熵。</translation>
    </message>
    <message>
        <source>Where torch trains: auto = a CUDA GPU when torch sees one, else the CPU; cpu; cuda or cuda:N for a given GPU. A GPU asked for on a machine without one stops with a message naming what there is. The model file records the device.</source>
        <translation>torch 在哪里训练：auto = torch 检测到 CUDA GPU 时用 GPU，否则用 CPU；cpu；cuda 或 cuda:N 指定某块 GPU。在没有 GPU 的机器上指定 GPU 时，运行会停止并说明本机有哪些设备。模型文件会记录所用设备。</translation>
    </message>
    <message>
        <source>Left as a temporary file, the model is saved next to the graph data set instead (&lt;data set&gt;_&lt;model&gt;.hpm), so it outlives the QGIS session.</source>
        <translation>若保留为临时文件，模型改为保存在图数据集旁（&lt;数据集&gt;_&lt;模型&gt;.hpm），关闭 QGIS 后不会丢失。</translation>
    </message>
    <message>
        <source>Left empty or temporary, the report goes next to the model file (&lt;model&gt;_report/report.html); the Results Viewer opens it.</source>
        <translation>若留空或为临时位置，报告写在模型文件旁（&lt;模型&gt;_report/report.html），可在结果查看器中打开。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Enhanced GCN (paper)</source>
        <translation>增强型 GCN（论文方法）</translation>
    </message>
    <message>
        <source>Plain GCN</source>
        <translation>普通 GCN</translation>
    </message>
    <message>
        <source>CNN</source>
        <translation>CNN</translation>
    </message>
    <message>
        <source>SVM (spectral channels)</source>
        <translation>SVM（光谱通道）</translation>
    </message>
    <message>
        <source>Node GCN: every pixel</source>
        <translation>节点 GCN：逐像元</translation>
    </message>
    <message>
        <source>Gradient boosting: every pixel, no graph</source>
        <translation>梯度提升：逐像元，不用图</translation>
    </message>
    <message>
        <source>Node GCN + gradient boosting, blended (recommended)</source>
        <translation>节点 GCN + 梯度提升融合（推荐）</translation>
    </message>
    <message>
        <source>Epochs (0 = the model's default: 40 node GCN, 200 paper)</source>
        <translation>训练轮数（0 = 模型默认值：节点 GCN 40，论文 200）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Hidden size (0 = the model's default: 128 node GCN, 256 paper)</source>
        <translation>隐藏层大小（0 = 模型默认值：节点 GCN 128，论文 256）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Compare with baselines (plain GCN, CNN, SVM)</source>
        <translation>与基线模型比较（原始 GCN、CNN、SVM）</translation>
    </message>
    <message>
        <source>Grid search over hidden size and learning rate</source>
        <translation>对隐藏层大小和学习率进行网格搜索</translation>
    </message>
    <message>
        <source>Balance classes (weight the loss by inverse class frequency)</source>
        <translation>平衡类别（按类别频率的倒数加权损失）</translation>
    </message>
    <message>
        <source>Save a final fit on every labelled tile (pixel models)</source>
        <translation>保存在全部有标签瓦片上的最终拟合（逐像元模型）</translation>
    </message>
    <message>
        <source>Training report folder</source>
        <translation>训练报告文件夹</translation>
    </message>
    <message>
        <source>Comparison table</source>
        <translation>对比表</translation>
    </message>
    <message>
        <source>Training report</source>
        <translation>训练报告</translation>
    </message>
    <message>
        <source>Training in a worker process: {0}</source>
        <translation>在工作进程中训练：{0}</translation>
    </message>
    <message>
        <source>Model file: {0}</source>
        <translation>模型文件：{0}</translation>
    </message>
    <message>
        <source>Training report: {0}</source>
        <translation>训练报告：{0}</translation>
    </message>
    <message>
        <source>low confidence (best {0}): the spectrum may be a mixture or none of the minerals the model knows</source>
        <translation>置信度低（最高 {0}）：该光谱可能是混合物，或不属于模型已知的任何矿物</translation>
    </message>
    <message>
        <source>shows the red edge of green vegetation (near-infrared much brighter than red): the mineral names are unreliable</source>
        <translation>呈现绿色植被的红边（近红外远亮于红光）：矿物名称不可靠</translation>
    </message>
    <message>
        <source>covers only {0} of the model's 400–2500 nm; candidates are limited to minerals with a diagnostic feature there, and minerals told apart outside it may be confused</source>
        <translation>仅覆盖模型 400–2500 nm 范围中的 {0}；候选矿物仅限于在该范围内有诊断性吸收特征的矿物，依靠该范围以外特征区分的矿物可能被混淆</translation>
    </message>
    <message>
        <source>no diagnostic feature in {0}: {1}-like; thermal infrared needed</source>
        <translation>{0} 内没有诊断性吸收特征：近似{1}；需要热红外波段才能鉴别</translation>
    </message>
    <message>
        <source>no diagnostic feature in {0}: {1}-like; a wider range (VNIR–SWIR) or thermal infrared needed</source>
        <translation>{0} 内没有诊断性吸收特征：近似{1}；需要更宽的波长范围（VNIR–SWIR）或热红外波段才能鉴别</translation>
    </message>
    <message>
        <source>values are {0}, not reflectance; the result is unreliable</source>
        <translation>数值为{0}，而非反射率；结果不可靠</translation>
    </message>
    <message>
        <source>spectrum {0} ({1}–{2} nm) has fewer than {3} valid samples inside the model's {4}–{5} nm range; it cannot be identified</source>
        <translation>光谱 {0}（{1}–{2} nm）在模型的 {4}–{5} nm 范围内的有效采样点少于 {3} 个，无法识别</translation>
    </message>
    <message>
        <source>spectrum outside the model's range</source>
        <translation>光谱超出模型的波长范围</translation>
    </message>
    <message>
        <source>spectrum {0}: {1} wavelengths but {2} values</source>
        <translation>光谱 {0}：有 {1} 个波长，却有 {2} 个数值</translation>
    </message>
    <message>
        <source>{0} wavelengths but {1} values per spectrum</source>
        <translation>有 {0} 个波长，但每条光谱有 {1} 个数值</translation>
    </message>
    <message>
        <source>a spectrum dict needs 'wavelengths_nm' (or 'wavelengths') and 'values'</source>
        <translation>光谱字典需要 'wavelengths_nm'（或 'wavelengths'）和 'values'</translation>
    </message>
    <message>
        <source>cannot identify an object of type {0}: give a Spectrum, a dict with wavelengths_nm/values, or a (wavelengths, values) pair</source>
        <translation>无法识别类型为 {0} 的对象：请提供 Spectrum、含 wavelengths_nm/values 的字典，或 (wavelengths, values) 数组对</translation>
    </message>
    <message>
        <source>{0}: the model's wavelength grid differs from this software's</source>
        <translation>{0}：模型的波长网格与本软件的不一致</translation>
    </message>
    <message>
        <source>{0}: unknown wavelet threshold rule {1}</source>
        <translation>{0}：未知的小波阈值规则 {1}</translation>
    </message>
    <message>
        <source>top must be at least 1</source>
        <translation>top（候选数）至少为 1</translation>
    </message>
    <message>
        <source>the fast network agreed with GeoSpectra on {0} of held-out pixels (&lt; {1}); every pixel mapped exactly</source>
        <translation>快速网络在留出像元上与 GeoSpectra 的一致率为 {0}（&lt; {1}）；所有像元均已由 GeoSpectra 逐一制图</translation>
    </message>
    <message>
        <source>too few valid pixels to teach and check a fast network; every pixel mapped exactly</source>
        <translation>有效像元太少，无法训练并检验快速网络；所有像元均已由 GeoSpectra 逐一制图</translation>
    </message>
    <message>
        <source>the fast network was sure of only {0} of held-out pixels (&lt; {1}); every pixel mapped exactly</source>
        <translation>快速网络仅对 {0} 的留出像元有把握（&lt; {1}）；所有像元均已由 GeoSpectra 逐一制图</translation>
    </message>
    <message>
        <source>fast mapping runs on one machine; on a cluster every pixel is mapped by GeoSpectra</source>
        <translation>快速制图只在单机上运行；在集群上每个像元都由 GeoSpectra 制图</translation>
    </message>
    <message>
        <source>Teaching the fast network on a sample of the image</source>
        <translation>正在用影像的一部分像元训练快速网络</translation>
    </message>
    <message>
        <source>spectrum {0}: values {1} and wavelengths {2} must be 1-D arrays of the same length</source>
        <translation>光谱 {0}：数值 {1} 与波长 {2} 必须是长度相同的一维数组</translation>
    </message>
    <message>
        <source>spectrum {0}: needs at least 2 samples</source>
        <translation>光谱 {0}：至少需要 2 个采样点</translation>
    </message>
    <message>
        <source>spectrum {0}: wavelengths must be finite and strictly increasing</source>
        <translation>光谱 {0}：波长必须为有限值且严格递增</translation>
    </message>
    <message>
        <source>spectrum {0}: unknown quantity {1}</source>
        <translation>光谱 {0}：未知的物理量 {1}</translation>
    </message>
    <message>
        <source>spectrum {0}: unknown wavelength unit {1}</source>
        <translation>光谱 {0}：未知的波长单位 {1}</translation>
    </message>
    <message>
        <source>spectrum {0}: fwhm must match the wavelengths</source>
        <translation>光谱 {0}：半高宽（FWHM）必须与波长一一对应</translation>
    </message>
    <message>
        <source>spectrum {0}: auxiliary {1} must match the wavelengths</source>
        <translation>光谱 {0}：辅助数据 {1} 必须与波长一一对应</translation>
    </message>
    <message>
        <source>ASD longitude sign inverted on reading (ASD writes east as negative; not documented by ASD): check the position on a map</source>
        <translation>读取时已将 ASD 经度取反（ASD 把东经记为负值，但其文档未说明此约定）：请在地图上核对位置</translation>
    </message>
    <message>
        <source>stored DDMM.MMMM latitude {0}, longitude {1}; the longitude's sign was inverted (ASD writes east as negative)</source>
        <translation>文件以 DDMM.MMMM 格式存储纬度 {0}、经度 {1}；经度已取反（ASD 把东经记为负值）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>is a folder (use load_folder for folders)</source>
        <translation>这是文件夹（文件夹请用 load_folder 读取）</translation>
    </message>
    <message>
        <source>file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>file is too large for a spectrum file ({0} bytes)</source>
        <translation>文件过大，不可能是光谱文件（{0} 字节）</translation>
    </message>
    <message>
        <source>cannot read the file ({0})</source>
        <translation>无法读取文件（{0}）</translation>
    </message>
    <message>
        <source>cannot list the folder ({0})</source>
        <translation>无法列出文件夹内容（{0}）</translation>
    </message>
    <message>
        <source>binary content where a text file was expected</source>
        <translation>应为文本文件，内容却是二进制数据</translation>
    </message>
    <message>
        <source>malformed {0} file ({1})</source>
        <translation>{0} 文件格式有误（{1}）</translation>
    </message>
    <message>
        <source>header of {0} (read with it)</source>
        <translation>{0} 的头文件（随该文件一起读取）</translation>
    </message>
    <message>
        <source>text without a recognised spectrum layout (no table of wavelength and value columns)</source>
        <translation>文本文件中没有可识别的光谱格式（没有波长列和数值列组成的表格）</translation>
    </message>
    <message>
        <source>has the extension {0} of {1} files, but its content (binary data) is not one</source>
        <translation>具有 {1} 文件的扩展名 {0}，但其内容（二进制数据）并非此类文件</translation>
    </message>
    <message>
        <source>has the extension {0} of {1} files, but its content (text) is not one</source>
        <translation>具有 {1} 文件的扩展名 {0}，但其内容（文本）并非此类文件</translation>
    </message>
    <message>
        <source>binary data of an unknown format (not ASD, ENVI library, or any supported format)</source>
        <translation>未知格式的二进制数据（不是 ASD、ENVI 波谱库或任何受支持的格式）</translation>
    </message>
    <message>
        <source>a Spectral Evolution binary .raw file (undocumented format, not supported); read {0}, the text file written beside it</source>
        <translation>Spectral Evolution 二进制 .raw 文件（格式未公开，不受支持）；请读取仪器在其旁边写出的文本文件 {0}</translation>
    </message>
    <message>
        <source>a Spectral Evolution binary .raw file (undocumented format, not supported); export the spectrum as .sed</source>
        <translation>Spectral Evolution 二进制 .raw 文件（格式未公开，不受支持）；请将光谱导出为 .sed 文件</translation>
    </message>
    <message>
        <source>an HTML page, not a spectrum file</source>
        <translation>这是一个 HTML 网页，不是光谱文件</translation>
    </message>
    <message>
        <source>an XML document, not a spectrum file</source>
        <translation>这是一个 XML 文档，不是光谱文件</translation>
    </message>
    <message>
        <source>{0}, not a spectrum file</source>
        <translation>{0}，不是光谱文件</translation>
    </message>
    <message>
        <source>wavelengths are declared in nm but run {0}–{1}, which looks like µm (unit mix-up)</source>
        <translation>波长单位标为 nm，但数值范围为 {0}–{1}，看起来是 µm（单位混淆）</translation>
    </message>
    <message>
        <source>wavelengths are declared in µm but run {0}–{1}, which looks like nm (unit mix-up)</source>
        <translation>波长单位标为 µm，但数值范围为 {0}–{1}，看起来是 nm（单位混淆）</translation>
    </message>
    <message>
        <source>wavenumbers must be positive (found {0} cm⁻¹)</source>
        <translation>波数必须为正值（发现 {0} cm⁻¹）</translation>
    </message>
    <message>
        <source>wavelength column mixes units: {0} values run {1}–{2} (µm-like) and {3} run {4}–{5} (nm-like)</source>
        <translation>波长列混用了单位：{0} 个值的范围为 {1}–{2}（像 µm），另有 {3} 个值的范围为 {4}–{5}（像 nm）</translation>
    </message>
    <message>
        <source>duplicate wavelength {0} nm (samples {1} and {2})</source>
        <translation>波长 {0} nm 重复（第 {1} 和第 {2} 个采样点）</translation>
    </message>
    <message>
        <source>wavelengths are not monotonic: {0} nm follows {1} nm (sample {2})</source>
        <translation>波长不单调：{0} nm 出现在 {1} nm 之后（第 {2} 个采样点）</translation>
    </message>
    <message>
        <source>needs at least 2 spectral samples (found {0})</source>
        <translation>至少需要 2 个光谱采样点（只找到 {0} 个）</translation>
    </message>
    <message>
        <source>wavelength of sample {0} is missing or not a number</source>
        <translation>第 {0} 个采样点的波长缺失或不是数字</translation>
    </message>
    <message>
        <source>wavelengths {0}–{1} {2} are outside any spectrometer's range</source>
        <translation>波长 {0}–{1} {2} 超出了所有光谱仪的范围</translation>
    </message>
    <message>
        <source>all values are missing or NaN</source>
        <translation>所有数值均缺失或为 NaN</translation>
    </message>
    <message>
        <source>all values of {0} are missing or NaN</source>
        <translation>{0}的所有数值均缺失或为 NaN</translation>
    </message>
    <message>
        <source>truncated ASD file: {0} bytes, the header alone needs {1}</source>
        <translation>ASD 文件不完整：仅 {0} 字节，而文件头就需要 {1} 字节</translation>
    </message>
    <message>
        <source>truncated ASD file: the {0} needs bytes {1}–{2}, the file has {3}</source>
        <translation>ASD 文件不完整：{0}需要第 {1}–{2} 字节，而文件只有 {3} 字节</translation>
    </message>
    <message>
        <source>truncated ASD file: the reference header is missing</source>
        <translation>ASD 文件不完整：缺少白板参考的文件头</translation>
    </message>
    <message>
        <source>not an ASD FieldSpec file (no ASD/asN signature at its start)</source>
        <translation>不是 ASD FieldSpec 文件（文件开头没有 ASD/asN 标识）</translation>
    </message>
    <message>
        <source>corrupt ASD header: {0} channels</source>
        <translation>ASD 文件头已损坏：通道数为 {0}</translation>
    </message>
    <message>
        <source>corrupt ASD header: unknown data format code {0}</source>
        <translation>ASD 文件头已损坏：未知的数据格式代码 {0}</translation>
    </message>
    <message>
        <source>corrupt ASD header: unknown data type code {0}</source>
        <translation>ASD 文件头已损坏：未知的数据类型代码 {0}</translation>
    </message>
    <message>
        <source>corrupt ASD header: first wavelength {0} nm, step {1} nm</source>
        <translation>ASD 文件头已损坏：起始波长 {0} nm，波长间隔 {1} nm</translation>
    </message>
    <message>
        <source>saved in raw mode with a white reference: reflectance = target counts / reference counts</source>
        <translation>以原始（raw）模式保存并带有白板参考：反射率 = 目标计数值 / 白板参考计数值</translation>
    </message>
    <message>
        <source>saved in {0} mode: values are raw detector counts (DN), not {1}; the ASD radiometric calibration stored in the file is not applied</source>
        <translation>以{0}模式保存：数值为探测器原始计数值（DN），而非{1}；未应用文件中存储的 ASD 辐射定标</translation>
    </message>
    <message>
        <source>not a Spectral Evolution .sed file (no 'Comment:'/'Version:' header)</source>
        <translation>不是 Spectral Evolution .sed 文件（没有 'Comment:'/'Version:' 文件头）</translation>
    </message>
    <message>
        <source>no 'Data:' section (file truncated?)</source>
        <translation>没有 'Data:' 数据段（文件被截断？）</translation>
    </message>
    <message>
        <source>the line after 'Data:' must name the columns (Wvl, ...)</source>
        <translation>'Data:' 的下一行必须给出列名（Wvl, ...）</translation>
    </message>
    <message>
        <source>data row {0} has {1} columns, expected {2} (truncated or corrupt)</source>
        <translation>第 {0} 个数据行有 {1} 列，应为 {2} 列（文件被截断或已损坏）</translation>
    </message>
    <message>
        <source>data row {0} holds a non-numeric entry: {1}</source>
        <translation>第 {0} 个数据行含有非数字内容：{1}</translation>
    </message>
    <message>
        <source>header says {0} channels but the table has {1} rows (truncated or corrupt)</source>
        <translation>文件头标明 {0} 个通道，但数据表有 {1} 行（文件被截断或已损坏）</translation>
    </message>
    <message>
        <source>not an SVC .sig file (no 'Spectra Vista SIG Data' signature)</source>
        <translation>不是 SVC .sig 文件（没有 'Spectra Vista SIG Data' 标识）</translation>
    </message>
    <message>
        <source>no 'data=' section (file truncated?)</source>
        <translation>没有 'data=' 数据段（文件被截断？）</translation>
    </message>
    <message>
        <source>the data section has fewer than 2 rows</source>
        <translation>数据段不足 2 行</translation>
    </message>
    <message>
        <source>the last data line is incomplete (file truncated?)</source>
        <translation>最后一个数据行不完整（文件被截断？）</translation>
    </message>
    <message>
        <source>data rows need a wavelength and at least one value</source>
        <translation>数据行需要一个波长和至少一个数值</translation>
    </message>
    <message>
        <source>ancillary information of an ASTER/ECOSTRESS library spectrum, not a spectrum</source>
        <translation>ASTER/ECOSTRESS 波谱库光谱的附属信息文件，不是光谱</translation>
    </message>
    <message>
        <source>not an ECOSTRESS/ASTER library file (no 'Name:'/'X Units:' header)</source>
        <translation>不是 ECOSTRESS/ASTER 波谱库文件（没有 'Name:'/'X Units:' 文件头）</translation>
    </message>
    <message>
        <source>no data after the header (file truncated?)</source>
        <translation>文件头之后没有数据（文件被截断？）</translation>
    </message>
    <message>
        <source>data row {0} has {1} column(s), expected 2 (truncated or corrupt)</source>
        <translation>第 {0} 个数据行有 {1} 列，应为 2 列（文件被截断或已损坏）</translation>
    </message>
    <message>
        <source>header says {0} values but the file has only {1} rows (truncated)</source>
        <translation>文件头标明 {0} 个数值，但文件只有 {1} 行（文件被截断）</translation>
    </message>
    <message>
        <source>header says {0} values but the file has {1} rows (two tables joined, or a corrupt header)</source>
        <translation>文件头标明 {0} 个数值，但文件有 {1} 行（两个数据表被拼接在一起，或文件头已损坏）</translation>
    </message>
    <message>
        <source>header says {0} values, the file has {1}; all rows kept</source>
        <translation>文件头标明 {0} 个数值，文件中有 {1} 个；已保留所有行</translation>
    </message>
    <message>
        <source>X Units {0} is not a wavelength or wavenumber unit</source>
        <translation>X Units {0} 不是波长或波数单位</translation>
    </message>
    <message>
        <source>line {0} is not a 'wavelength value' row: {1}</source>
        <translation>第 {0} 行不是“波长 数值”格式的数据行：{1}</translation>
    </message>
    <message>
        <source>RELAB .asc announces {0} points</source>
        <translation>RELAB .asc 文件声明的数据点数为 {0}（至少需要 2 个）</translation>
    </message>
    <message>
        <source>RELAB .asc announces {0} points but holds {1} (truncated?)</source>
        <translation>RELAB .asc 文件声明有 {0} 个数据点，但只有 {1} 个（文件被截断？）</translation>
    </message>
    <message>
        <source>RELAB .txt without data rows</source>
        <translation>RELAB .txt 文件没有数据行</translation>
    </message>
    <message>
        <source>not a RELAB spectrum (no point count or 'Relab Spectrum' title)</source>
        <translation>不是 RELAB 光谱（没有数据点数，也没有 'Relab Spectrum' 标题）</translation>
    </message>
    <message>
        <source>not a USGS spectral library file (no 'splibNN Record=N:' title line)</source>
        <translation>不是 USGS 波谱库文件（没有 'splibNN Record=N:' 标题行）</translation>
    </message>
    <message>
        <source>line {0} is not a number: {1}</source>
        <translation>第 {0} 行不是数字：{1}</translation>
    </message>
    <message>
        <source>file holds only blank lines</source>
        <translation>文件只有空行</translation>
    </message>
    <message>
        <source>{0} {1} table (used to read the library's spectra), not a spectrum</source>
        <translation>{0} {1} 表（用于读取该波谱库的光谱），不是光谱</translation>
    </message>
    <message>
        <source>fewer than 2 values after the title line</source>
        <translation>标题行之后的数值不足 2 个</translation>
    </message>
    <message>
        <source>title names no known instrument code (ASDFR, ASDNG, BECK, NIC4, AVIRIS): {0}</source>
        <translation>标题中没有已知的仪器代码（ASDFR、ASDNG、BECK、NIC4、AVIRIS）：{0}</translation>
    </message>
    <message>
        <source>no {0} wavelength table with {1} channels in this folder or the {2} above it (the file is truncated, or not in the library's folder layout)</source>
        <translation>在此文件夹及其上 {2} 级文件夹中都没有 {1} 个通道的 {0} 波长表（文件被截断，或不在波谱库原有的文件夹结构中）</translation>
    </message>
    <message>
        <source>all channels are missing (-1.23e34)</source>
        <translation>所有通道均为缺失值（-1.23e34）</translation>
    </message>
    <message>
        <source>relative reflectance (RREF), not absolute</source>
        <translation>相对反射率（RREF），不是绝对反射率</translation>
    </message>
    <message>
        <source>no table of numbers found (needs rows of a wavelength and at least one value)</source>
        <translation>未找到数字表格（每行需要一个波长和至少一个数值）</translation>
    </message>
    <message>
        <source>line {0} has {1} field(s) where the table above it has {2} (truncated or corrupt)</source>
        <translation>第 {0} 行有 {1} 个字段，而上方的表格有 {2} 个（文件被截断或已损坏）</translation>
    </message>
    <message>
        <source>line {0} holds numbers before the table starting at line {1} (a broken row or a second table)</source>
        <translation>第 {0} 行在从第 {1} 行开始的表格之前就含有数字（可能是损坏的行或第二个表格）</translation>
    </message>
    <message>
        <source>not an ENVI header (does not start with 'ENVI')</source>
        <translation>不是 ENVI 头文件（开头不是 'ENVI'）</translation>
    </message>
    <message>
        <source>ENVI header lacks '{0}'</source>
        <translation>ENVI 头文件缺少“{0}”</translation>
    </message>
    <message>
        <source>ENVI header: '{0} = {1}' is not a whole number</source>
        <translation>ENVI 头文件：“{0} = {1}”不是整数</translation>
    </message>
    <message>
        <source>ENVI header: '{0}' holds a non-numeric entry</source>
        <translation>ENVI 头文件：“{0}”含有非数字项</translation>
    </message>
    <message>
        <source>ENVI spectral library without its .hdr header</source>
        <translation>ENVI 波谱库缺少对应的 .hdr 头文件</translation>
    </message>
    <message>
        <source>a text file, not the binary data of an ENVI spectral library</source>
        <translation>这是文本文件，不是 ENVI 波谱库的二进制数据</translation>
    </message>
    <message>
        <source>an ENVI image ({0}, {1} band(s)), not a spectral library: open it as a raster layer</source>
        <translation>ENVI 图像（{0}，{1} 个波段），不是波谱库：请作为栅格图层打开</translation>
    </message>
    <message>
        <source>ENVI library needs samples ≥ 2 and lines ≥ 1 (has {0}, {1})</source>
        <translation>ENVI 波谱库要求 samples ≥ 2 且 lines ≥ 1（实际为 {0}、{1}）</translation>
    </message>
    <message>
        <source>ENVI header without its data file (.sli) beside it</source>
        <translation>ENVI 头文件旁边没有对应的数据文件（.sli）</translation>
    </message>
    <message>
        <source>unsupported ENVI data type {0}</source>
        <translation>不支持的 ENVI 数据类型 {0}</translation>
    </message>
    <message>
        <source>corrupt ENVI header (byte order {0}, header offset {1})</source>
        <translation>ENVI 头文件已损坏（byte order 为 {0}，header offset 为 {1}）</translation>
    </message>
    <message>
        <source>truncated ENVI library: {0}×{1} values need {2} bytes, the file has {3}</source>
        <translation>ENVI 波谱库不完整：{0}×{1} 个数值需要 {2} 字节，而文件只有 {3} 字节</translation>
    </message>
    <message>
        <source>ENVI header needs a 'wavelength' list of {0} values (has {1})</source>
        <translation>ENVI 头文件需要含 {0} 个值的 'wavelength' 波长列表（实际有 {1} 个）</translation>
    </message>
    <message>
        <source>the library holds no spectrum with valid values</source>
        <translation>波谱库中没有含有效数值的光谱</translation>
    </message>
    <message>
        <source>attribute table of the ENVI spectral library {0} (read with it), not a spectrum</source>
        <translation>ENVI 波谱库 {0} 的属性表（随波谱库一起读取），不是光谱</translation>
    </message>
    <message>
        <source>axis table stored as a library row</source>
        <translation>作为波谱库中一行存储的波长轴表</translation>
    </message>
    <message>
        <source>channel numbers stored as a library row</source>
        <translation>作为波谱库中一行存储的通道编号</translation>
    </message>
    <message>
        <source>resolution (FWHM) table stored as a library row</source>
        <translation>作为波谱库中一行存储的分辨率（FWHM）表</translation>
    </message>
    <message>
        <source>error bars of the preceding spectrum</source>
        <translation>前一条光谱的误差棒</translation>
    </message>
    <message>
        <source>all values missing</source>
        <translation>所有数值均缺失</translation>
    </message>
    <message>
        <source>the spread of the values (standard deviation or error), not a spectrum</source>
        <translation>数值的离散程度（标准差或误差），不是光谱</translation>
    </message>
    <message>
        <source>JCAMP-DX file without a complete block (no ##END=; truncated?)</source>
        <translation>JCAMP-DX 文件缺少完整的数据块（没有 ##END=；文件被截断？）</translation>
    </message>
    <message>
        <source>JCAMP-DX block without its closing ##END= (file truncated?)</source>
        <translation>JCAMP-DX 数据块缺少结尾的 ##END=（文件被截断？）</translation>
    </message>
    <message>
        <source>not a JCAMP-DX file (does not start with ##TITLE= or ##JCAMP-DX=)</source>
        <translation>不是 JCAMP-DX 文件（开头不是 ##TITLE= 或 ##JCAMP-DX=）</translation>
    </message>
    <message>
        <source>JCAMP-DX file holds no XYDATA, XYPOINTS or PEAK TABLE</source>
        <translation>JCAMP-DX 文件中没有 XYDATA、XYPOINTS 或 PEAK TABLE 数据</translation>
    </message>
    <message>
        <source>unexpected characters in JCAMP-DX data: {0}</source>
        <translation>JCAMP-DX 数据中有无法识别的字符：{0}</translation>
    </message>
    <message>
        <source>invalid JCAMP-DX compressed data near {0}</source>
        <translation>JCAMP-DX 压缩数据无效，位于 {0} 附近</translation>
    </message>
    <message>
        <source>JCAMP-DX data line {0} does not start with an X value</source>
        <translation>JCAMP-DX 第 {0} 个数据行的开头不是 X 值</translation>
    </message>
    <message>
        <source>JCAMP-DX line {0}: difference without a start value</source>
        <translation>JCAMP-DX 第 {0} 行：差分值（DIF）缺少起始值</translation>
    </message>
    <message>
        <source>JCAMP-DX line {0}: repeat count without a value</source>
        <translation>JCAMP-DX 第 {0} 行：重复计数（DUP）前没有数值</translation>
    </message>
    <message>
        <source>JCAMP-DX line {0}: repeat count {1} takes the data past ##NPOINTS={2} (corrupt data)</source>
        <translation>JCAMP-DX 第 {0} 行：重复计数 {1} 使数据超出 ##NPOINTS={2}（数据已损坏）</translation>
    </message>
    <message>
        <source>Y-check failed at data line {0} ({1} ≠ {2})</source>
        <translation>第 {0} 个数据行的 Y 值校验失败（{1} ≠ {2}）</translation>
    </message>
    <message>
        <source>JCAMP-DX block lacks ##{0}=</source>
        <translation>JCAMP-DX 数据块缺少 ##{0}=</translation>
    </message>
    <message>
        <source>JCAMP-DX ##DATA TYPE={0} is not an optical (UV, visible or infrared) spectrum; its abscissa is not a wavelength</source>
        <translation>JCAMP-DX ##DATA TYPE={0} 不是光学（紫外、可见光或红外）光谱；其横坐标不是波长</translation>
    </message>
    <message>
        <source>JCAMP-DX ##XUNITS={0} is not a wavelength or wavenumber unit</source>
        <translation>JCAMP-DX ##XUNITS={0} 不是波长或波数单位</translation>
    </message>
    <message>
        <source>JCAMP-DX ##{0}={1} is not a usable number</source>
        <translation>JCAMP-DX ##{0}={1} 不是可用的数字</translation>
    </message>
    <message>
        <source>JCAMP-DX ##NTUPLES={0} (n-dimensional pages) is not supported; export the spectrum as ##XYDATA or ##XYPOINTS</source>
        <translation>不支持 JCAMP-DX ##NTUPLES={0}（多维数据页）；请将光谱导出为 ##XYDATA 或 ##XYPOINTS</translation>
    </message>
    <message>
        <source>unsupported JCAMP-DX XYDATA form {0}</source>
        <translation>不支持的 JCAMP-DX XYDATA 格式 {0}</translation>
    </message>
    <message>
        <source>JCAMP-DX {0} and ##NPOINTS={1} but the data hold {2} values: corrupt data</source>
        <translation>JCAMP-DX {0}，且 ##NPOINTS={1} 而数据中有 {2} 个数值：数据已损坏</translation>
    </message>
    <message>
        <source>JCAMP-DX ##NPOINTS={0} but the data hold {1} values (truncated or corrupt)</source>
        <translation>JCAMP-DX ##NPOINTS={0}，但数据中有 {1} 个数值（文件被截断或已损坏）</translation>
    </message>
    <message>
        <source>{0}; the data hold the ##NPOINTS={1} values and were kept</source>
        <translation>{0}；数据中的数值个数与 ##NPOINTS={1} 一致，已保留</translation>
    </message>
    <message>
        <source>JCAMP-DX {0} holds an odd number of values (truncated?)</source>
        <translation>JCAMP-DX {0} 中数值个数为奇数（文件被截断？）</translation>
    </message>
    <message>
        <source>JCAMP-DX ##NPOINTS={0} but {1} points found</source>
        <translation>JCAMP-DX ##NPOINTS={0}，但找到 {1} 个数据点</translation>
    </message>
    <message>
        <source>##YUNITS={0} without '%' but values run up to {1}: read as percent</source>
        <translation>##YUNITS={0} 中没有 '%'，但数值最高达 {1}：按百分比读取</translation>
    </message>
    <message>
        <source>Node GCN epoch {0}/{1}: train loss {2}, val loss {3}, val pixel ROC AUC {4}, val tile F1 {5}</source>
        <translation>节点 GCN 第 {0}/{1} 轮：训练损失 {2}，验证损失 {3}，验证像元 ROC AUC {4}，验证图块 F1 {5}</translation>
    </message>
    <message>
        <source>{0} epoch {1}/{2}: train loss {3}, val loss {4}, val acc {5}, val F1 {6}</source>
        <translation>{0} 第 {1}/{2} 轮：训练损失 {3}，验证损失 {4}，验证准确率 {5}，验证 F1 {6}</translation>
    </message>
    <message>
        <source>WARNING: this model is poor — validation ROC AUC {0} (below {1}). Its map is not much better than chance on held-out ground: add known bodies, check the labels and the bands, and do not rank targets with it.</source>
        <translation>警告：该模型效果较差——验证集 ROC AUC 为 {0}（低于 {1}）。在未参与训练的区域上，其图件并不比随机好多少：请增加已知矿体，检查标签和波段，不要用它对靶区排序。</translation>
    </message>
    <message>
        <source>reading the stack</source>
        <translation>正在读取栅格叠加</translation>
    </message>
    <message>
        <source>reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <source>writing the model file</source>
        <translation>正在写入模型文件</translation>
    </message>
    <message>
        <source>writing the report</source>
        <translation>正在写入报告</translation>
    </message>
    <message>
        <source>permutation importance of the channels</source>
        <translation>正在计算各通道的置换重要性</translation>
    </message>
    <message>
        <source>fitting the SVM (spectral channels only)</source>
        <translation>正在拟合 SVM（仅光谱通道）</translation>
    </message>
    <message>
        <source>SVM fitted</source>
        <translation>SVM 拟合完成</translation>
    </message>
    <message>
        <source>predicting</source>
        <translation>正在预测</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Scored tile row {0} of {1}</source>
        <translation>已评分第 {0} 行图块（共 {1} 行）</translation>
    </message>
    <message>
        <source>Mapped row {0} of {1}</source>
        <translation>已填图第 {0} 行（共 {1} 行）</translation>
    </message>
    <message>
        <source>Finished {0} {1} of {2}</source>
        <translation>已完成{0} {1}/{2}</translation>
    </message>
    <message>
        <source>Wrote the Cloud-Optimized GeoTIFF</source>
        <translation>已写入云优化 GeoTIFF</translation>
    </message>
    <message>
        <source>identifying spectra</source>
        <translation>正在识别光谱</translation>
    </message>
    <message>
        <source>No uncertainty map: it needs a node-level model (Node GCN); this model scores whole tiles.</source>
        <translation>未生成不确定性图：它需要节点级模型（节点 GCN）；该模型对整个图块评分。</translation>
    </message>
    <message>
        <source>No uncertainty map: it comes from Monte-Carlo dropout, which gradient boosting does not have.</source>
        <translation>未生成不确定性图：它来自蒙特卡洛 dropout，而梯度提升模型没有 dropout。</translation>
    </message>
    <message>
        <source>fitting gradient boosting on the pixels of the training tiles</source>
        <translation>正在用训练瓦片的像元拟合梯度提升模型</translation>
    </message>
    <message>
        <source>gradient boosting fitted</source>
        <translation>梯度提升模型已拟合</translation>
    </message>
    <message>
        <source>fitting gradient boosting again on every labelled tile (training and validation)</source>
        <translation>正在用全部有标签的瓦片（训练与验证）重新拟合梯度提升模型</translation>
    </message>
    <message>
        <source>ranking both models' pixels on the training area</source>
        <translation>在训练区上对两个模型的像元排序</translation>
    </message>
    <message>
        <source>blend ready</source>
        <translation>融合模型就绪</translation>
    </message>
    <message>
        <source>Node GCN final fit on every labelled tile, epoch {0}/{1}: train loss {2}</source>
        <translation>节点 GCN 在全部有标签的瓦片上最终拟合，第 {0}/{1} 轮：训练损失 {2}</translation>
    </message>
    <message>
        <source>{0} feature(s), {1} segment(s)</source>
        <translation>{0} 个要素，{1} 条线段</translation>
    </message>
    <message>
        <source>Sampling exact distances on the IDW lattice</source>
        <translation>正在 IDW 格网上采样精确距离</translation>
    </message>
    <message>
        <source>Rows {0}/{1}</source>
        <translation>第 {0}/{1} 行</translation>
    </message>
    <message>
        <source>{0} has no CRS; its coordinates are taken to be in the raster's CRS ({1}).</source>
        <translation>{0} 没有坐标参考系；其坐标按栅格的坐标参考系（{1}）处理。</translation>
    </message>
    <message>
        <source>{0} invalid polygon(s) (e.g. self-intersecting) were repaired before use.</source>
        <translation>使用前修复了 {0} 个无效多边形（如自相交）。</translation>
    </message>
    <message>
        <source>Copied window {0}/{1}</source>
        <translation>已复制窗口 {0}/{1}</translation>
    </message>
    <message>
        <source>The kept bands have different nodata values; the output uses {0} for all of them.</source>
        <translation>保留的波段无效值各不相同；输出对所有波段统一使用 {0}。</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>正在标注</translation>
    </message>
    <message>
        <source>tiles</source>
        <translation>正在切分图块</translation>
    </message>
    <message>
        <source>statistics</source>
        <translation>正在统计</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>正在写入</translation>
    </message>
    <message>
        <source>Graph data set: {0} tiles of {1}×{2} px (stride {3}) on a {4}×{5} px grid, pixel {6}×{7}</source>
        <translation>图数据集：{0} 个 {1}×{2} 像元的图块（步长 {3}），网格 {4}×{5} 像元，像元大小 {6}×{7}</translation>
    </message>
    <message>
        <source>  labels: {0} {1}, {2} {3}, {4} unlabelled; {5} spatial blocks</source>
        <translation>  标签：{1} {0} 个，{3} {2} 个，未标注 {4} 个；{5} 个空间分块</translation>
    </message>
    <message>
        <source>  graph: {0} nodes, {1} directed edges (ground distance &lt; {2} m)</source>
        <translation>  图：{0} 个节点，{1} 条有向边（地面距离 &lt; {2} m）</translation>
    </message>
    <message>
        <source>  channels ({0}):</source>
        <translation>  通道（{0} 个）：</translation>
    </message>
    <message>
        <source>{0}{1}  mean {2}  std {3}</source>
        <translation>{0}{1}  均值 {2}  标准差 {3}</translation>
    </message>
    <message>
        <source>  tiles skipped for nodata: {0}</source>
        <translation>  因无效值跳过的图块：{0}</translation>
    </message>
    <message>
        <source>Read the rasters</source>
        <translation>已读取栅格</translation>
    </message>
    <message>
        <source>Polygonised the targets</source>
        <translation>已将靶区转为多边形</translation>
    </message>
    <message>
        <source>Wrote the targets</source>
        <translation>已写入靶区</translation>
    </message>
    <message>
        <source>{0} target(s)</source>
        <translation>{0} 个靶区</translation>
    </message>
    <message>
        <source>{0} target(s), {1} km² in all, probability ≥ {2} ({3} % of the valid area); {4} smaller than the minimum area dropped</source>
        <translation>{0} 个靶区，共 {1} km²，概率 ≥ {2}（占有效面积的 {3} %）；{4} 个小于最小面积的已舍弃</translation>
    </message>
    <message>
        <source>{0} % of the valid area shares the highest value {1}, more than the {2} % asked for; all of it is selected</source>
        <translation>有效面积的 {0} % 同为最高值 {1}，超过所要求的 {2} %；已全部选中</translation>
    </message>
    <message>
        <source>Scoring bodies</source>
        <translation>正在为矿体评分</translation>
    </message>
    <message>
        <source>Read the raster</source>
        <translation>已读取栅格</translation>
    </message>
    <message>
        <source>Pixel ROC</source>
        <translation>正在计算像元 ROC</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>评分完成</translation>
    </message>
    <message>
        <source>fertile status(es) {0} not found (values present: {1})</source>
        <translation>未找到含矿状态 {0}（现有取值：{1}）</translation>
    </message>
    <message>
        <source>no barren bodies (status {0}) among {1}: fertile-vs-barren is not measured</source>
        <translation>{1} 中没有无矿矿体（状态 {0}）：不计算含矿对无矿的指标</translation>
    </message>
    <message>
        <source>{0} of {1} '{2}' bodies have no valid pixel on the raster and are left out of their curve</source>
        <translation>{1} 个“{2}”矿体中有 {0} 个在栅格上没有有效像元，未计入其曲线</translation>
    </message>
    <message>
        <source>abundances</source>
        <translation>正在生成丰度</translation>
    </message>
    <message>
        <source>spectra</source>
        <translation>正在生成光谱</translation>
    </message>
    <message>
        <source>scene description</source>
        <translation>正在写入场景描述</translation>
    </message>
    <message>
        <source>Cannot read the wavelength ranges '{0}'; write them like '782-902; 2014-2400' (nm).</source>
        <translation>无法读取波长范围“{0}”；请按“782-902; 2014-2400”（nm）的格式填写。</translation>
    </message>
    <message>
        <source>Wavelength ranges must be numbers: {0}</source>
        <translation>波长范围必须为数字：{0}</translation>
    </message>
    <message>
        <source>Wavelength ranges need pairs of numbers (minimum, maximum); an odd count was given.</source>
        <translation>波长范围需要成对的数字（最小值，最大值）；给出的数字个数为奇数。</translation>
    </message>
    <message>
        <source>Wavelength ranges must be pairs of numbers (minimum, maximum).</source>
        <translation>波长范围必须为成对的数字（最小值，最大值）。</translation>
    </message>
    <message>
        <source>No wavelength range given.</source>
        <translation>未给出波长范围。</translation>
    </message>
    <message>
        <source>Wavelength ranges must be positive numbers.</source>
        <translation>波长范围必须为正数。</translation>
    </message>
    <message>
        <source>The wavelength range {0}–{1} has its minimum above its maximum.</source>
        <translation>波长范围 {0}–{1} 的最小值大于最大值。</translation>
    </message>
    <message>
        <source>The wavelength ranges {0} select no band: the raster's {1} bands span {2}–{3} nm.</source>
        <translation>波长范围 {0} 未选中任何波段：该栅格的 {1} 个波段覆盖 {2}–{3} nm。</translation>
    </message>
    <message>
        <source>The output file must not be the input raster.</source>
        <translation>输出文件不能是输入栅格。</translation>
    </message>
    <message>
        <source>{0} holds {1}, but distance to plutons needs a polygon layer.</source>
        <translation>{0}包含{1}，但到岩体的距离需要面图层。</translation>
    </message>
    <message>
        <source>{0} holds {1}, but distance to faults needs a line layer.</source>
        <translation>{0}包含{1}，但到断裂的距离需要线图层。</translation>
    </message>
    <message>
        <source>{0} is a table without geometries.</source>
        <translation>{0}是没有几何的属性表。</translation>
    </message>
    <message>
        <source>Feature {0} of {1} cannot be reprojected from {2} to {3}: {4}</source>
        <translation>{1}的要素 {0} 无法从 {2} 重投影到 {3}：{4}</translation>
    </message>
    <message>
        <source>Feature {0} of {1} falls outside the area where {2} is defined.</source>
        <translation>{1}的要素 {0} 位于 {2} 的定义范围之外。</translation>
    </message>
    <message>
        <source>{0} is empty: it has no features.</source>
        <translation>{0}为空：没有任何要素。</translation>
    </message>
    <message>
        <source>{0} has {1} feature(s) but none has a geometry.</source>
        <translation>{0}有 {1} 个要素，但都没有几何。</translation>
    </message>
    <message>
        <source>The polygons cannot be merged ({0}); run 'Fix geometries' on the layer first.</source>
        <translation>无法合并这些多边形（{0}）；请先对该图层运行“修复几何”。</translation>
    </message>
    <message>
        <source>The features have no vertices.</source>
        <translation>这些要素没有顶点。</translation>
    </message>
    <message>
        <source>No segments to measure distances to.</source>
        <translation>没有可用于计算距离的线段。</translation>
    </message>
    <message>
        <source>The output file must not be the reference raster.</source>
        <translation>输出文件不能是参考栅格。</translation>
    </message>
    <message>
        <source>Unknown feature kind '{0}'; use one of: {1}.</source>
        <translation>未知的要素类型“{0}”；请使用以下之一：{1}。</translation>
    </message>
    <message>
        <source>Unknown distance method '{0}'; use one of: {1}.</source>
        <translation>未知的距离计算方法“{0}”；请使用以下之一：{1}。</translation>
    </message>
    <message>
        <source>Signed distance (negative inside) needs polygons; faults are lines.</source>
        <translation>带符号距离（内部为负）需要多边形；断裂是线要素。</translation>
    </message>
    <message>
        <source>IDW needs a lattice spacing ≥ 1 pixel, at least 1 neighbour and a positive power.</source>
        <translation>反距离加权需要格网间距 ≥ 1 个像元、至少 1 个邻点以及正的幂指数。</translation>
    </message>
    <message>
        <source>'{0}' has {1} band(s); there is no band {2}.</source>
        <translation>“{0}”有 {1} 个波段；不存在波段 {2}。</translation>
    </message>
    <message>
        <source>{0} cannot be reprojected onto the raster's CRS: {1}</source>
        <translation>{0}无法重投影到栅格的坐标参考系：{1}</translation>
    </message>
    <message>
        <source>{0} ('{1}') has no field '{2}'; its fields are: none.</source>
        <translation>{0}（“{1}”）没有字段“{2}”；它没有任何字段。</translation>
    </message>
    <message>
        <source>{0} ('{1}') has no field '{2}'; its fields are: {3}.</source>
        <translation>{0}（“{1}”）没有字段“{2}”；其字段为：{3}。</translation>
    </message>
    <message>
        <source>'{0}' is an ENVI header; choose the data file it describes (for example '{1}') instead.</source>
        <translation>“{0}”是 ENVI 头文件；请改为选择它所描述的数据文件（例如“{1}”）。</translation>
    </message>
    <message>
        <source>Raster file not found: '{0}'.</source>
        <translation>未找到栅格文件：“{0}”。</translation>
    </message>
    <message>
        <source>Cannot read '{0}' as a raster: it has no raster bands.</source>
        <translation>无法将“{0}”读取为栅格：它没有栅格波段。</translation>
    </message>
    <message>
        <source>Cannot read '{0}' as a raster: {1}</source>
        <translation>无法将“{0}”读取为栅格：{1}</translation>
    </message>
    <message>
        <source>Cannot read the pixels of 'the raster': the file is truncated or corrupt ({0}).</source>
        <translation>无法读取栅格的像元：文件被截断或已损坏（{0}）。</translation>
    </message>
    <message>
        <source>Cannot read the pixels of '{0}': the file is truncated or corrupt ({1}).</source>
        <translation>无法读取“{0}”的像元：文件被截断或已损坏（{1}）。</translation>
    </message>
    <message>
        <source>Vector file not found: '{0}'.</source>
        <translation>未找到矢量文件：“{0}”。</translation>
    </message>
    <message>
        <source>Cannot read '{0}' as a vector layer: it holds no layers.</source>
        <translation>无法将“{0}”读取为矢量图层：其中没有图层。</translation>
    </message>
    <message>
        <source>Cannot read '{0}' as a vector layer: {1}</source>
        <translation>无法将“{0}”读取为矢量图层：{1}</translation>
    </message>
    <message>
        <source>'{0}' has {1} layer(s); there is no layer number {2}.</source>
        <translation>“{0}”有 {1} 个图层；不存在第 {2} 号图层。</translation>
    </message>
    <message>
        <source>'{0}' has no layer named '{1}'; its layers are: {2}.</source>
        <translation>“{0}”中没有名为“{1}”的图层；其图层为：{2}。</translation>
    </message>
    <message>
        <source>The grid's CRS ({0}) has no linear unit.</source>
        <translation>该网格的坐标参考系（{0}）没有线性单位。</translation>
    </message>
    <message>
        <source>{0} has no coordinate reference system, so its pixel size in metres is unknown. Assign its CRS (Raster ▸ Projections ▸ Assign Projection) and try again.</source>
        <translation>{0}没有坐标参考系，因此无法得知其以米为单位的像元大小。请为其指定坐标参考系（栅格 ▸ 投影 ▸ 指定投影）后重试。</translation>
    </message>
    <message>
        <source>{0} is in a geographic CRS ({1}) whose units are degrees, so distances in metres cannot be measured on its grid. Reproject it to {2} (Raster ▸ Projections ▸ Warp) and try again.</source>
        <translation>{0}采用地理坐标系（{1}），单位为度，无法在其网格上量测以米为单位的距离。请将其重投影到{2}（栅格 ▸ 投影 ▸ 变形（重投影））后重试。</translation>
    </message>
    <message>
        <source>The rasters are not on the same grid: {0}. {1}</source>
        <translation>这些栅格不在同一网格上：{0}。{1}</translation>
    </message>
    <message>
        <source>Rasters are not on one grid: {0}. {1}</source>
        <translation>栅格不在同一网格上：{0}。{1}</translation>
    </message>
    <message>
        <source>Raster '{0}' has a degenerate geotransform {1} (zero pixel size).</source>
        <translation>栅格“{0}”的地理变换 {1} 退化（像元大小为零）。</translation>
    </message>
    <message>
        <source>Raster '{0}' has no coordinate reference system: ground distances (edge threshold, label buffer) need a projected CRS in metres.</source>
        <translation>栅格“{0}”没有坐标参考系：地面距离（边阈值、标签缓冲区）需要以米为单位的投影坐标系。</translation>
    </message>
    <message>
        <source>Raster '{0}' has a sheared grid (geotransform {1}: pixel rows and columns are not perpendicular); warp it to a north-up or rotated grid first (e.g. gdalwarp).</source>
        <translation>栅格“{0}”的网格发生错切（地理变换 {1}：像元的行与列不垂直）；请先将其重采样到正北朝上或旋转的网格（例如使用 gdalwarp）。</translation>
    </message>
    <message>
        <source>No input raster given: pass the hyperspectral (subset) raster and any geology rasters.</source>
        <translation>未给出输入栅格：请提供高光谱（波段子集）栅格及所需的地质栅格。</translation>
    </message>
    <message>
        <source>Raster '{0}' has no georeferencing (geotransform).</source>
        <translation>栅格“{0}”没有地理参考（地理变换）。</translation>
    </message>
    <message>
        <source>Could not read rows {0}–{1} of '{2}'.</source>
        <translation>无法读取“{2}”的第 {0}–{1} 行。</translation>
    </message>
    <message>
        <source>{0}: {1} centre wavelengths but {2} FWHM values.</source>
        <translation>{0}：有 {1} 个中心波长，但有 {2} 个半高宽（FWHM）值。</translation>
    </message>
    <message>
        <source>'{0}' in the wavelength list is not a number.</source>
        <translation>波长列表中的“{0}”不是数字。</translation>
    </message>
    <message>
        <source>The wavelength list is empty.</source>
        <translation>波长列表为空。</translation>
    </message>
    <message>
        <source>Wavelengths must be positive numbers; the list holds zero, negative or missing values.</source>
        <translation>波长必须为正数；列表中含有零、负值或缺失值。</translation>
    </message>
    <message>
        <source>Wavelength units '{0}' are not a wavelength; give centres in nanometres or micrometres.</source>
        <translation>波长单位“{0}”不是波长单位；请以纳米或微米给出中心波长。</translation>
    </message>
    <message>
        <source>Unknown sensor preset '{0}'. Available presets: none; or give the path of a CSV band table.</source>
        <translation>未知的传感器预设“{0}”。没有可用的预设；或请给出 CSV 波段表的路径。</translation>
    </message>
    <message>
        <source>Unknown sensor preset '{0}'. Available presets: {1}; or give the path of a CSV band table.</source>
        <translation>未知的传感器预设“{0}”。可用的预设：{1}；或请给出 CSV 波段表的路径。</translation>
    </message>
    <message>
        <source>{0} holds no band rows.</source>
        <translation>{0} 中没有波段行。</translation>
    </message>
    <message>
        <source>{0}: no wavelength column (expected a header such as 'center_nm' or 'wavelength').</source>
        <translation>{0}：没有波长列（应有“center_nm”或“wavelength”之类的表头）。</translation>
    </message>
    <message>
        <source>{0}: a row is incomplete or not numeric ({1}).</source>
        <translation>{0}：某一行不完整或不是数字（{1}）。</translation>
    </message>
    <message>
        <source>Cannot read band table '{0}': {1}</source>
        <translation>无法读取波段表“{0}”：{1}</translation>
    </message>
    <message>
        <source>The {0} lists {1} wavelengths but the raster has {2} bands; fix the header or choose a preset/list and override the file.</source>
        <translation>{0}列出了 {1} 个波长，但该栅格有 {2} 个波段；请修正头文件，或选择预设/列表并覆盖文件中的波长。</translation>
    </message>
    <message>
        <source>'{0}' carries no band wavelengths (no ENVI header 'wavelength', no GDAL band metadata) and no sensor preset or wavelength list was given. Choose a sensor preset (available: none) or enter the band centre wavelengths.</source>
        <translation>“{0}”不含波段波长（没有 ENVI 头文件的“wavelength”，也没有 GDAL 波段元数据），且未给出传感器预设或波长列表。请选择传感器预设（无可用预设）或输入各波段的中心波长。</translation>
    </message>
    <message>
        <source>'{0}' carries no band wavelengths (no ENVI header 'wavelength', no GDAL band metadata) and no sensor preset or wavelength list was given. Choose a sensor preset (available: {1}) or enter the band centre wavelengths.</source>
        <translation>“{0}”不含波段波长（没有 ENVI 头文件的“wavelength”，也没有 GDAL 波段元数据），且未给出传感器预设或波长列表。请选择传感器预设（可用：{1}）或输入各波段的中心波长。</translation>
    </message>
    <message>
        <source>The {0} describes {1} bands but '{2}' has {3} bands; choose the preset of the sensor that recorded this image, or a list with one wavelength per band.</source>
        <translation>{0}描述了 {1} 个波段，但“{2}”有 {3} 个波段；请选择拍摄该影像的传感器的预设，或给出每个波段一个波长的列表。</translation>
    </message>
    <message>
        <source>Graph data set: x has shape {0}, expected ({1}, {2}, {3}).</source>
        <translation>图数据集：x 的形状为 {0}，应为 ({1}, {2}, {3})。</translation>
    </message>
    <message>
        <source>Graph data set: {0} has shape {1}, expected ({2},).</source>
        <translation>图数据集：{0} 的形状为 {1}，应为 ({2},)。</translation>
    </message>
    <message>
        <source>Graph data set: edge_index has shape {0}, expected (2, E).</source>
        <translation>图数据集：edge_index 的形状为 {0}，应为 (2, E)。</translation>
    </message>
    <message>
        <source>Graph data set: edge_index refers to nodes outside the tile.</source>
        <translation>图数据集：edge_index 引用了图块之外的节点。</translation>
    </message>
    <message>
        <source>Graph data set: channel names, wavelengths and statistics disagree in length.</source>
        <translation>图数据集：通道名称、波长与统计量的长度不一致。</translation>
    </message>
    <message>
        <source>Graph data set: labels must be -1, 0 or 1.</source>
        <translation>图数据集：标签必须为 -1、0 或 1。</translation>
    </message>
    <message>
        <source>Graph data set: node_y has shape {0}, expected ({1}, {2}).</source>
        <translation>图数据集：node_y 的形状为 {0}，应为 ({1}, {2})。</translation>
    </message>
    <message>
        <source>Graph data set: node labels must be -1, 0 or 1.</source>
        <translation>图数据集：节点标签必须为 -1、0 或 1。</translation>
    </message>
    <message>
        <source>val_fraction must lie between 0 and 1.</source>
        <translation>val_fraction 必须介于 0 与 1 之间。</translation>
    </message>
    <message>
        <source>Unknown graph data set format '{0}' (use 'safetensors' or 'npz').</source>
        <translation>未知的图数据集格式“{0}”（请使用“safetensors”或“npz”）。</translation>
    </message>
    <message>
        <source>{0} is not a usable HyperProspect graph data set (corrupt description: {1}: {2}).</source>
        <translation>{0} 不是可用的 HyperProspect 图数据集（描述已损坏：{1}：{2}）。</translation>
    </message>
    <message>
        <source>Graph data set {0} does not exist.</source>
        <translation>图数据集 {0} 不存在。</translation>
    </message>
    <message>
        <source>Tile size must be at least {0} pixel (got {1}).</source>
        <translation>图块大小必须至少为 {0} 个像元（实际为 {1}）。</translation>
    </message>
    <message>
        <source>Pixel size must be positive (got {0}).</source>
        <translation>像元大小必须为正数（实际为 {0}）。</translation>
    </message>
    <message>
        <source>Edge threshold {0} m is not above the pixel spacing ({1} m): the graphs would have no edges. Use a threshold factor above 1 (paper: 1.7).</source>
        <translation>边阈值 {0} m 不大于像元间距（{1} m）：图将没有边。请使用大于 1 的阈值系数（论文中为 1.7）。</translation>
    </message>
    <message>
        <source>The label layer '{0}' in '{1}' is empty (no features with a geometry): it must hold the known mineralised bodies.</source>
        <translation>“{1}”中的标签图层“{0}”为空（没有带几何的要素）：它必须包含已知的含矿岩体。</translation>
    </message>
    <message>
        <source>Tile size {0}×{1} px is larger than the raster ({2}×{3} px): use a smaller tile size or a larger area.</source>
        <translation>图块大小 {0}×{1} 像元大于栅格（{2}×{3} 像元）：请使用更小的图块大小或更大的区域。</translation>
    </message>
    <message>
        <source>No tiles produced: {0} tile positions, {1} skipped for nodata, none left after labelling. Check the nodata areas of the inputs and the tile size.</source>
        <translation>未生成图块：共 {0} 个图块位置，{1} 个因无效值跳过，标注后没有剩余图块。请检查输入数据的无效值区域和图块大小。</translation>
    </message>
    <message>
        <source>No tiles produced: {0} tile positions, {1} skipped for nodata. Check the nodata areas of the inputs and the tile size.</source>
        <translation>未生成图块：共 {0} 个图块位置，{1} 个因无效值跳过。请检查输入数据的无效值区域和图块大小。</translation>
    </message>
    <message>
        <source>Stride must be at least {0} pixel (got {1}).</source>
        <translation>步长必须至少为 {0} 个像元（实际为 {1}）。</translation>
    </message>
    <message>
        <source>Minimum positive fraction must lie between 0 and 1 (got {0}).</source>
        <translation>最小正样本比例必须介于 0 与 1 之间（实际为 {0}）。</translation>
    </message>
    <message>
        <source>Negative ratio must be positive (got {0}).</source>
        <translation>负样本比率必须为正数（实际为 {0}）。</translation>
    </message>
    <message>
        <source>Label buffer and keep-out distance must not be negative.</source>
        <translation>标签缓冲距离和隔离距离不能为负。</translation>
    </message>
    <message>
        <source>Block size must be at least one tile (got {0}).</source>
        <translation>分块大小必须至少为一个图块（实际为 {0}）。</translation>
    </message>
    <message>
        <source>The stack has no valid pixel (every pixel is nodata in at least one channel).</source>
        <translation>该栅格堆栈没有有效像元（每个像元至少在一个通道中为无效值）。</translation>
    </message>
    <message>
        <source>None of the {0} bodies of the label layer '{1}' meets a tile of the raster: check that the layer covers the raster area (and its CRS).</source>
        <translation>标签图层“{1}”的 {0} 个岩体都不与栅格的任何图块相交：请检查该图层是否覆盖栅格范围（及其坐标参考系）。</translation>
    </message>
    <message>
        <source>{0}: the channel record lists {1} channels for {2} channel names.</source>
        <translation>{0}：通道记录列出了 {1} 个通道，而通道名称有 {2} 个。</translation>
    </message>
    <message>
        <source>Cannot save a model of unknown architecture '{0}'.</source>
        <translation>无法保存未知架构“{0}”的模型。</translation>
    </message>
    <message>
        <source>{0}: malformed model description (the {1} section is not a mapping).</source>
        <translation>{0}：模型描述格式错误（{1} 部分不是映射）。</translation>
    </message>
    <message>
        <source>{0}: {1} is not a list of numbers.</source>
        <translation>{0}：{1} 不是数字列表。</translation>
    </message>
    <message>
        <source>{0}: the model cannot be rebuilt: {1}</source>
        <translation>{0}：无法重建模型：{1}</translation>
    </message>
    <message>
        <source>{0}: {1} has {2} values for {3} channels.</source>
        <translation>{0}：{1} 有 {2} 个值，而通道有 {3} 个。</translation>
    </message>
    <message>
        <source>{0}: the graph (adjacency or edge_index) is missing.</source>
        <translation>{0}：缺少图（邻接矩阵或 edge_index）。</translation>
    </message>
    <message>
        <source>The node-level model needs at least three spectral channels with wavelengths.</source>
        <translation>节点级模型至少需要三个带波长的光谱通道。</translation>
    </message>
    <message>
        <source>Graph data sets cannot be read: the graph tiling module is missing ({0}).</source>
        <translation>无法读取图数据集：缺少图块划分模块（{0}）。</translation>
    </message>
    <message>
        <source>Graph data set not found: {0}</source>
        <translation>未找到图数据集：{0}</translation>
    </message>
    <message>
        <source>Unknown architecture '{0}'; choose one of {1}.</source>
        <translation>未知的架构“{0}”；请从 {1} 中选择。</translation>
    </message>
    <message>
        <source>Unknown architecture '{0}'.</source>
        <translation>未知的架构“{0}”。</translation>
    </message>
    <message>
        <source>Unknown training setting(s): {0}.</source>
        <translation>未知的训练设置：{0}。</translation>
    </message>
    <message>
        <source>monitor must be 'val_loss' or 'val_f1'.</source>
        <translation>monitor 必须为“val_loss”或“val_f1”。</translation>
    </message>
    <message>
        <source>final_fit must be one of {0}, not {1}.</source>
        <translation>final_fit 必须为 {0} 之一，而不是 {1}。</translation>
    </message>
    <message>
        <source>At least one epoch is needed.</source>
        <translation>至少需要一个训练轮次。</translation>
    </message>
    <message>
        <source>Batch size, learning rate and hidden size must be positive.</source>
        <translation>批大小、学习率和隐藏层大小必须为正数。</translation>
    </message>
    <message>
        <source>Unknown split guard '{0}'; use 'touch', 'overlap' or 'none'.</source>
        <translation>未知的划分隔离方式“{0}”；请使用“touch”、“overlap”或“none”。</translation>
    </message>
    <message>
        <source>The block ids and the labels differ in length.</source>
        <translation>分块编号与标签的长度不同。</translation>
    </message>
    <message>
        <source>The validation fraction must be between 0 and 1.</source>
        <translation>验证集比例必须介于 0 与 1 之间。</translation>
    </message>
    <message>
        <source>At least two labelled tiles are needed to split into training and validation.</source>
        <translation>至少需要两个已标注的图块才能划分训练集和验证集。</translation>
    </message>
    <message>
        <source>All labelled tiles are in one spatial block: they cannot be split without leakage.</source>
        <translation>所有已标注的图块都位于同一空间分块中：无法在不泄漏的情况下划分。</translation>
    </message>
    <message>
        <source>Tiles must have shape [tiles, nodes, channels]; got {0}.</source>
        <translation>图块的形状必须为 [图块, 节点, 通道]；实际为 {0}。</translation>
    </message>
    <message>
        <source>No tiles given (x or x_normalised).</source>
        <translation>未给出图块（x 或 x_normalised）。</translation>
    </message>
    <message>
        <source>The tiles contain NaN or infinite values after normalisation; fill or mask no-data first.</source>
        <translation>归一化后图块中含有 NaN 或无穷值；请先填充或掩膜无效值。</translation>
    </message>
    <message>
        <source>Labels y are missing or do not match the number of tiles.</source>
        <translation>标签 y 缺失或与图块数量不符。</translation>
    </message>
    <message>
        <source>{0} nodes per tile is not a {1}×{2} tile.</source>
        <translation>每个图块 {0} 个节点，不是 {1}×{2} 的图块。</translation>
    </message>
    <message>
        <source>edge_index must have shape [2, E]; got {0}.</source>
        <translation>edge_index 的形状必须为 [2, E]；实际为 {0}。</translation>
    </message>
    <message>
        <source>edge_index refers to nodes outside the tile.</source>
        <translation>edge_index 引用了图块之外的节点。</translation>
    </message>
    <message>
        <source>Spatial blocks are needed for a leak-free split: give block ids or tile rows/cols.</source>
        <translation>无泄漏的划分需要空间分块：请给出分块编号或图块的行/列号。</translation>
    </message>
    <message>
        <source>Block ids do not match the number of tiles.</source>
        <translation>分块编号与图块数量不符。</translation>
    </message>
    <message>
        <source>Channel names/wavelengths list {0}/{1} entries for {2} channels.</source>
        <translation>通道名称/波长列出了 {0}/{1} 项，而通道有 {2} 个。</translation>
    </message>
    <message>
        <source>Node labels have shape {0}, expected ({1}, {2}).</source>
        <translation>节点标签的形状为 {0}，应为 ({1}, {2})。</translation>
    </message>
    <message>
        <source>Unknown class weighting '{0}'; use 'balanced' or two numbers.</source>
        <translation>未知的类别权重方式“{0}”；请使用“balanced”或两个数字。</translation>
    </message>
    <message>
        <source>Class weights must be two non-negative numbers.</source>
        <translation>类别权重必须为两个非负数。</translation>
    </message>
    <message>
        <source>The training or validation set is empty.</source>
        <translation>训练集或验证集为空。</translation>
    </message>
    <message>
        <source>Unlabelled tiles (label -1) cannot be used for training or validation.</source>
        <translation>未标注的图块（标签 -1）不能用于训练或验证。</translation>
    </message>
    <message>
        <source>The training set has only one class; label more mineralised or barren tiles.</source>
        <translation>训练集只有一个类别；请标注更多含矿或无矿图块。</translation>
    </message>
    <message>
        <source>The node-level model needs pixel labels: rebuild the graph data set with this version of Build graph data set (it records them with the tile labels).</source>
        <translation>节点级模型需要像元标签：请用本版本的“构建图数据集”重新生成图数据集（它会将像元标签与图块标签一同记录）。</translation>
    </message>
    <message>
        <source>Gradient boosting per pixel needs pixel labels: rebuild the graph data set with this version of Build graph data set (it records them with the tile labels).</source>
        <translation>逐像元梯度提升需要像元标签：请用本版本的“构建图数据集”重新生成图数据集（它会随瓦片标签一并记录像元标签）。</translation>
    </message>
    <message>
        <source>Gradient boosting needs labelled pixels of both classes in the training tiles: add known bodies or ground away from them.</source>
        <translation>梯度提升需要训练瓦片中两类都有已标注像元：请添加已知矿体，或远离矿体的地面。</translation>
    </message>
    <message>
        <source>The grid search needs at least one hidden size and one learning rate.</source>
        <translation>网格搜索至少需要一个隐藏层大小和一个学习率。</translation>
    </message>
    <message>
        <source>The model has no channel named {0} (its channels: {1}).</source>
        <translation>该模型没有名为 {0} 的通道（其通道为：{1}）。</translation>
    </message>
    <message>
        <source>The model uses the mineral-probability channel '{0}' ({1}): give the mineral map of this area for it ({2}, one band on the grid of the raster to map, made the same way as for training).</source>
        <translation>该模型使用矿物概率通道“{0}”（{1}）：请为其提供本区的矿物分布图（{2}，在待制图栅格的网格上的单个波段，制作方式与训练时相同）。</translation>
    </message>
    <message>
        <source>The model uses the mineral-probability channel '{0}': give the mineral map of this area for it ({1}, one band on the grid of the raster to map, made the same way as for training).</source>
        <translation>该模型使用矿物概率通道“{0}”：请为其提供本区的矿物分布图（{1}，在待制图栅格的网格上的单个波段，制作方式与训练时相同）。</translation>
    </message>
    <message>
        <source>The model uses channels this version cannot rebuild on a new area: {0}. Give a raster for it (channel_rasters, by channel name) on the grid of the raster to map.</source>
        <translation>该模型使用了本版本无法在新区域重建的通道：{0}。请在待制图栅格的网格上为其提供栅格（channel_rasters，按通道名称）。</translation>
    </message>
    <message>
        <source>{0} cannot provide {1} of the model's spectral channels (no band within tolerance of {2} nm; its bands span {3}–{4} nm). Use imagery from a sensor that covers the model's wavelengths, or train a model on this sensor.</source>
        <translation>{0}无法提供模型的 {1} 个光谱通道（在容差范围内没有与 {2} nm 对应的波段；其波段覆盖 {3}–{4} nm）。请使用覆盖模型波长的传感器影像，或用该传感器的数据训练模型。</translation>
    </message>
    <message>
        <source>The stride must be at least one pixel.</source>
        <translation>步长必须至少为一个像元。</translation>
    </message>
    <message>
        <source>The raster ({0}×{1} px) is smaller than one {2}×{3} tile.</source>
        <translation>栅格（{0}×{1} 像元）小于一个 {2}×{3} 的图块。</translation>
    </message>
    <message>
        <source>The model uses the channel '{0}': give the {1} layer.</source>
        <translation>该模型使用通道“{0}”：请提供{1}图层。</translation>
    </message>
    <message>
        <source>No tile could be scored: every {0}×{1} tile at stride {2} px of the {3}×{4} px raster touches nodata ({5} skipped). Use a smaller stride or a raster with more valid pixels.</source>
        <translation>没有可评分的图块：在 {3}×{4} 像元的栅格上以 {2} 像元步长划分的每个 {0}×{1} 图块都含有无效值（跳过 {5} 个）。请使用更小的步长或有效像元更多的栅格。</translation>
    </message>
    <message>
        <source>Choose either a probability threshold or a top share of the area for the targets.</source>
        <translation>请为靶区选择概率阈值或面积前百分比二者之一。</translation>
    </message>
    <message>
        <source>The top share of the area must lie in (0, 1]; got {0}.</source>
        <translation>面积前百分比必须位于 (0, 1] 区间内；实际为 {0}。</translation>
    </message>
    <message>
        <source>Connectivity must be 4 or 8; got {0}.</source>
        <translation>连通性必须为 4 或 8；实际为 {0}。</translation>
    </message>
    <message>
        <source>The minimum target area cannot be negative.</source>
        <translation>靶区最小面积不能为负。</translation>
    </message>
    <message>
        <source>Targets are written as a GeoPackage; give a .gpkg file name instead of '{0}'.</source>
        <translation>靶区以 GeoPackage 格式写出；请给出 .gpkg 文件名，而不是“{0}”。</translation>
    </message>
    <message>
        <source>The known-deposit layer '{0}' has no features with a geometry.</source>
        <translation>已知矿床图层“{0}”没有带几何的要素。</translation>
    </message>
    <message>
        <source>'{0}' has no valid pixels (all nodata).</source>
        <translation>“{0}”没有有效像元（全部为无效值）。</translation>
    </message>
    <message>
        <source>None of the fertile statuses ({0}) occurs in the field '{1}'; its values are: {2}.</source>
        <translation>字段“{1}”中没有出现任何含矿状态（{0}）；其取值为：{2}。</translation>
    </message>
    <message>
        <source>A status cannot be both fertile and barren: {0}.</source>
        <translation>一个状态不能既是含矿又是无矿：{0}。</translation>
    </message>
    <message>
        <source>Area shares must lie in (0, 1]; got {0}.</source>
        <translation>面积比例必须位于 (0, 1] 区间内；实际为 {0}。</translation>
    </message>
    <message>
        <source>The background buffer cannot be negative.</source>
        <translation>背景缓冲距离不能为负。</translation>
    </message>
    <message>
        <source>The deposit layer '{0}' has no features with a geometry.</source>
        <translation>矿床图层“{0}”没有带几何的要素。</translation>
    </message>
    <message>
        <source>Endmember table {0} not found; regenerate it with `python scripts/derive_endmembers.py`.</source>
        <translation>未找到端元表 {0}；请用 `python scripts/derive_endmembers.py` 重新生成。</translation>
    </message>
    <message>
        <source>{0}: expected columns band,center_nm,fwhm_nm,&lt;endmembers...&gt;</source>
        <translation>{0}：应有列 band,center_nm,fwhm_nm,&lt;端元...&gt;</translation>
    </message>
    <message>
        <source>Sample area too small ({0}×{1} px); use at least 20×20.</source>
        <translation>示例研究区太小（{0}×{1} 像元）；请至少使用 20×20。</translation>
    </message>
    <message>
        <source>Sample area too large ({0}×{1} px): the generator holds the scene in memory and is meant for up to about {2}×{3} px.</source>
        <translation>示例研究区太大（{0}×{1} 像元）：生成器将整个场景保存在内存中，适用于最大约 {2}×{3} 像元。</translation>
    </message>
    <message>
        <source>EPSG:{0} is not a projected CRS; the sample area needs metres.</source>
        <translation>EPSG:{0} 不是投影坐标系；示例研究区需要以米为单位。</translation>
    </message>
    <message>
        <source>The output folder '{0}' is an existing file, not a folder.</source>
        <translation>输出文件夹“{0}”是一个已有文件，而不是文件夹。</translation>
    </message>
    <message>
        <source>unknown mineral(s) for probability bands: {0}; the model knows {1}</source>
        <translation>概率波段中有未知矿物：{0}；模型识别的矿物为 {1}</translation>
    </message>
    <message>
        <source>the mineral map is written as GeoTIFF: give a .tif output, not '{0}'</source>
        <translation>矿物分布图以 GeoTIFF 格式写出：请给出 .tif 输出文件，而不是“{0}”</translation>
    </message>
    <message>
        <source>the raster's bands ({0}–{1} nm) cover fewer than {2} samples of the model's 400–2500 nm range</source>
        <translation>栅格的波段（{0}–{1} nm）覆盖模型 400–2500 nm 范围内的样点少于 {2} 个</translation>
    </message>
    <message>
        <source>{0}: class list does not match the network's output size</source>
        <translation>{0}：类别列表与网络的输出大小不符</translation>
    </message>
    <message>
        <source>{0}: the class list is not a list of mineral names.</source>
        <translation>{0}：类别列表不是矿物名称列表。</translation>
    </message>
    <message>
        <source>{0}: architecture settings do not fit {1} ({2})</source>
        <translation>{0}：架构设置与 {1} 不符（{2}）</translation>
    </message>
    <message>
        <source>{0}: reference spectra not found (run scripts/train_geospectra.py)</source>
        <translation>{0}：未找到参考光谱（请运行 scripts/train_geospectra.py）</translation>
    </message>
    <message>
        <source>{0}: not a GeoSpectra reference file</source>
        <translation>{0}：不是 GeoSpectra 参考光谱文件</translation>
    </message>
    <message>
        <source>{0} wavelengths but {1} values</source>
        <translation>{0} 个波长，但有 {1} 个值</translation>
    </message>
    <message>
        <source>Cannot reach the Dask scheduler at '{0}': {1}</source>
        <translation>无法连接位于“{0}”的 Dask 调度器：{1}</translation>
    </message>
    <message>
        <source>A local cluster needs at least one worker.</source>
        <translation>本地集群至少需要一个工作进程。</translation>
    </message>
    <message>
        <source>The mosaic '{0}' does not exist.</source>
        <translation>镶嵌数据“{0}”不存在。</translation>
    </message>
    <message>
        <source>The folder '{0}' holds no scenes ({1}).</source>
        <translation>文件夹“{0}”中没有景（{1}）。</translation>
    </message>
    <message>
        <source>The scenes of a mosaic must agree in {0}: '{1}' differs from '{2}'.</source>
        <translation>镶嵌的各景必须具有相同的{0}：“{1}”与“{2}”不同。</translation>
    </message>
    <message>
        <source>The scenes of a mosaic must share one CRS: '{0}' differs from '{1}' (reproject it first).</source>
        <translation>镶嵌的各景必须使用同一坐标参考系：“{0}”与“{1}”不同（请先对其重投影）。</translation>
    </message>
    <message>
        <source>{0}: the {1} has no '{2}'.</source>
        <translation>{0}：{1}中没有“{2}”。</translation>
    </message>
    <message>
        <source>{0}: '{1}' in the {2} is malformed ('{3}').</source>
        <translation>{0}：{2}中的“{1}”格式错误（“{3}”）。</translation>
    </message>
    <message>
        <source>{0}: unknown architecture '{1}'.</source>
        <translation>{0}：未知的架构“{1}”。</translation>
    </message>
    <message>
        <source>{0}: malformed model description (the architecture configuration is not a mapping).</source>
        <translation>{0}：模型描述格式错误（架构配置不是映射）。</translation>
    </message>
    <message>
        <source>{0}: implausible {1}: {2} = '{3}' (whole numbers up to {4}).</source>
        <translation>{0}：{1}不合理：{2} = “{3}”（应为不超过 {4} 的整数）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (it has no 'hyperprospect' description).</source>
        <translation>{0} 不是 {1}（它没有“hyperprospect”描述）。</translation>
    </message>
    <message>
        <source>The description in {0} is not valid JSON ({1}).</source>
        <translation>{0} 中的描述不是有效的 JSON（{1}）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (its description has format '{2}').</source>
        <translation>{0} 不是 {1}（其描述的格式为“{2}”）。</translation>
    </message>
    <message>
        <source>{0}: the {1} has a malformed format version.</source>
        <translation>{0}：{1}的格式版本号有误。</translation>
    </message>
    <message>
        <source>{0} was written by a newer HyperProspect ({1} format {2}, this version reads up to {3}); update the plugin.</source>
        <translation>{0} 由更新版本的 HyperProspect 写出（{1}格式 {2}，本版本最高只能读取 {3}）；请更新插件。</translation>
    </message>
    <message>
        <source>{0} not found: {1} (no such file).</source>
        <translation>未找到 {0}：{1}（文件不存在）。</translation>
    </message>
    <message>
        <source>{0} is a pickle-based PyTorch checkpoint (torch.save). HyperProspect refuses to load pickles because loading one can run arbitrary code. {1}</source>
        <translation>{0} 是基于 pickle 的 PyTorch 检查点（torch.save）。HyperProspect 拒绝加载 pickle 文件，因为加载它可能执行任意代码。{1}</translation>
    </message>
    <message>
        <source>{0} is not a {1} (too short).</source>
        <translation>{0} 不是 {1}（文件过短）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (not a safetensors container).</source>
        <translation>{0} 不是 {1}（不是 safetensors 容器）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (corrupt safetensors header: {2}).</source>
        <translation>{0} 不是 {1}（safetensors 文件头已损坏：{2}）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (corrupt safetensors header).</source>
        <translation>{0} 不是 {1}（safetensors 文件头已损坏）。</translation>
    </message>
    <message>
        <source>{0} is not a {1} (unreadable safetensors data: {2}).</source>
        <translation>{0} 不是 {1}（safetensors 数据无法读取：{2}）。</translation>
    </message>
    <message>
        <source>{0}: the arrays do not match the {1} (missing {2}, unexpected {3}).</source>
        <translation>{0}：数组与{1}不符（缺少 {2}，多出 {3}）。</translation>
    </message>
    <message>
        <source>{0}: tensor {1} has shape {2} {3}, expected any shape {4}.</source>
        <translation>{0}：张量 {1} 的形状为 {2} {3}，应为任意形状 {4}。</translation>
    </message>
    <message>
        <source>{0}: tensor {1} has shape {2} {3}, expected {4} {5}.</source>
        <translation>{0}：张量 {1} 的形状为 {2} {3}，应为 {4} {5}。</translation>
    </message>
    <message>
        <source>Cannot read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <source>{0} is not a HyperProspect graph data set ({1}).</source>
        <translation>{0} 不是 HyperProspect 图数据集（{1}）。</translation>
    </message>
    <message>
        <source>Unknown device '{0}': use auto, cpu, cuda or cuda:N. Available: {1}.</source>
        <translation>未知的设备“{0}”：请使用 auto、cpu、cuda 或 cuda:N。可用设备：{1}。</translation>
    </message>
    <message>
        <source>Device '{0}' asked for, but torch {1} sees no CUDA GPU here (available: {2}). Use --device cpu or auto.</source>
        <translation>指定了设备“{0}”，但 torch {1} 在此未检测到 CUDA GPU（可用：{2}）。请使用 --device cpu 或 auto。</translation>
    </message>
    <message>
        <source>Device '{0}' asked for, but there are only {1} GPU(s): {2}.</source>
        <translation>指定了设备“{0}”，但只有 {1} 个 GPU：{2}。</translation>
    </message>
    <message>
        <source>The environment variable {0}='{1}' is not a whole number (torchrun sets WORLD_SIZE, RANK and LOCAL_RANK).</source>
        <translation>环境变量 {0}=“{1}”不是整数（torchrun 会设置 WORLD_SIZE、RANK 和 LOCAL_RANK）。</translation>
    </message>
    <message>
        <source>RANK={0} / LOCAL_RANK={1} do not fit WORLD_SIZE={2} / LOCAL_WORLD_SIZE={3}.</source>
        <translation>RANK={0} / LOCAL_RANK={1} 与 WORLD_SIZE={2} / LOCAL_WORLD_SIZE={3} 不符。</translation>
    </message>
    <message>
        <source>Rank {0} wants GPU cuda:{1}, but this node has {2}: start at most that many processes per node.</source>
        <translation>第 {0} 号进程需要 GPU cuda:{1}，但本节点只有 {2}：每个节点启动的进程数不要超过该数量。</translation>
    </message>
    <message>
        <source>HP_DIST_TIMEOUT_S must be a number of seconds.</source>
        <translation>HP_DIST_TIMEOUT_S 必须为秒数。</translation>
    </message>
    <message>
        <source>HP_DIST_TIMEOUT_S must be positive.</source>
        <translation>HP_DIST_TIMEOUT_S 必须为正数。</translation>
    </message>
    <message>
        <source>Not a valid worker job name: {0}</source>
        <translation>不是有效的工作进程任务名：{0}</translation>
    </message>
    <message>
        <source>No Python interpreter found to run the worker process.</source>
        <translation>未找到可运行工作进程的 Python 解释器。</translation>
    </message>
    <message>
        <source>The worker process stopped unexpectedly (exit status {0}). QGIS is unaffected. Last messages:
{1}</source>
        <translation>工作进程意外停止（退出状态 {0}）。QGIS 未受影响。最后的消息：
{1}</translation>
    </message>
    <message>
        <source>The worker process failed: {0}</source>
        <translation>工作进程失败：{0}</translation>
    </message>
    <message>
        <source>Missing Python package(s) for {0}: {1}. {2}.</source>
        <translation>缺少 Python 包（{0}）：{1}。{2}。</translation>
    </message>
    <message>
        <source>Missing Python package(s): {0}. {1}.</source>
        <translation>缺少 Python 包：{0}。{1}。</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 图像</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 图像</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a ZIP archive (extract it first)</source>
        <translation>ZIP 压缩包（请先解压）</translation>
    </message>
    <message>
        <source>a gzip archive (extract it first)</source>
        <translation>gzip 压缩包（请先解压）</translation>
    </message>
    <message>
        <source>a TIFF image (open it as a raster layer)</source>
        <translation>TIFF 图像（请作为栅格图层打开）</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>XML 文档</translation>
    </message>
    <message>
        <source>no file type</source>
        <translation>未注明文件类型</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无有效波段</translation>
    </message>
    <message>
        <source>{0}–{1} nm</source>
        <translation>{0}–{1} nm</translation>
    </message>
    <message>
        <source>{0}–{1} nm with {2} gap</source>
        <translation>{0}–{1} nm（有 {2} 处间断）</translation>
    </message>
    <message>
        <source>{0}–{1} nm with {2} gaps</source>
        <translation>{0}–{1} nm（有 {2} 处间断）</translation>
    </message>
    <message>
        <source>featureless</source>
        <translation>无特征光谱</translation>
    </message>
    <message>
        <source>spectrum</source>
        <translation>光谱</translation>
    </message>
    <message>
        <source>reference spectrum</source>
        <translation>白板参考光谱</translation>
    </message>
    <message>
        <source>the ASD spectrum</source>
        <translation>ASD 光谱</translation>
    </message>
    <message>
        <source>the reflectance column</source>
        <translation>反射率列</translation>
    </message>
    <message>
        <source>the target column</source>
        <translation>目标列</translation>
    </message>
    <message>
        <source>the value column</source>
        <translation>数值列</translation>
    </message>
    <message>
        <source>column {0}</source>
        <translation>列 {0}</translation>
    </message>
    <message>
        <source>radiance</source>
        <translation>辐亮度</translation>
    </message>
    <message>
        <source>irradiance</source>
        <translation>辐照度</translation>
    </message>
    <message>
        <source>DN</source>
        <translation>DN（原始计数值）</translation>
    </message>
    <message>
        <source>absorbance</source>
        <translation>吸光度</translation>
    </message>
    <message>
        <source>emissivity</source>
        <translation>发射率</translation>
    </message>
    <message>
        <source>transmittance</source>
        <translation>透射率</translation>
    </message>
    <message>
        <source>Enhanced GCN</source>
        <translation>增强 GCN</translation>
    </message>
    <message>
        <source>Node GCN (pixels)</source>
        <translation>节点 GCN（像元）</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>mineralised</source>
        <translation>含矿</translation>
    </message>
    <message>
        <source>barren</source>
        <translation>无矿</translation>
    </message>
    <message>
        <source>geology</source>
        <translation>地质</translation>
    </message>
    <message>
        <source>fertile</source>
        <translation>含矿</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>nodata</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>no diagnostic feature</source>
        <translation>无诊断性吸收特征</translation>
    </message>
    <message>
        <source>green vegetation</source>
        <translation>绿色植被</translation>
    </message>
    <message>
        <source>Layer '{0}' of '{1}'</source>
        <translation>“{1}”的图层“{0}”</translation>
    </message>
    <message>
        <source>GDAL band metadata</source>
        <translation>GDAL 波段元数据</translation>
    </message>
    <message>
        <source>GDAL IMAGERY metadata</source>
        <translation>GDAL IMAGERY 元数据</translation>
    </message>
    <message>
        <source>user wavelength list</source>
        <translation>用户给出的波长列表</translation>
    </message>
    <message>
        <source>ENVI header</source>
        <translation>ENVI 头文件</translation>
    </message>
    <message>
        <source>dataset metadata</source>
        <translation>数据集元数据</translation>
    </message>
    <message>
        <source>ENVI header of '{0}'</source>
        <translation>“{0}”的 ENVI 头文件</translation>
    </message>
    <message>
        <source>dataset metadata of '{0}'</source>
        <translation>“{0}”的数据集元数据</translation>
    </message>
    <message>
        <source>ENVI header '{0}'</source>
        <translation>ENVI 头文件“{0}”</translation>
    </message>
    <message>
        <source>sensor preset '{0}'</source>
        <translation>传感器预设“{0}”</translation>
    </message>
    <message>
        <source>band table '{0}'</source>
        <translation>波段表“{0}”</translation>
    </message>
    <message>
        <source>Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install {0} --extra-index-url {1}</source>
        <translation>请通过 插件 ▸ HyperProspect ▸ Python 依赖包… 安装，或运行：python -m pip install {0} --extra-index-url {1}</translation>
    </message>
    <message>
        <source>Install them with Plugins ▸ HyperProspect ▸ Python dependencies…, or run: python -m pip install {0}</source>
        <translation>请通过 插件 ▸ HyperProspect ▸ Python 依赖包… 安装，或运行：python -m pip install {0}</translation>
    </message>
    <message>
        <source>writing {0}</source>
        <translation>正在写入 {0}</translation>
    </message>
    <message>
        <source>distance rasters</source>
        <translation>距离栅格</translation>
    </message>
    <message>
        <source>exploration targets</source>
        <translation>找矿靶区</translation>
    </message>
    <message>
        <source>mosaic work on a Dask cluster</source>
        <translation>在 Dask 集群上进行镶嵌处理</translation>
    </message>
    <message>
        <source>HyperProspect model file</source>
        <translation>HyperProspect 模型文件</translation>
    </message>
    <message>
        <source>HyperProspect graph data set</source>
        <translation>HyperProspect 图数据集</translation>
    </message>
    <message>
        <source>GeoSpectra model</source>
        <translation>GeoSpectra 模型</translation>
    </message>
    <message>
        <source>Use a HyperProspect model file (.hpm, safetensors with JSON metadata) written by the Train GCN algorithm.</source>
        <translation>请使用由“训练 GCN”算法写出的 HyperProspect 模型文件（.hpm，带 JSON 元数据的 safetensors）。</translation>
    </message>
    <message>
        <source>Use a graph data set written by the Build graph data set algorithm.</source>
        <translation>请使用由“构建图数据集”算法写出的图数据集。</translation>
    </message>
    <message>
        <source>GeoSpectra models are .safetensors files written by `make train-geospectra`.</source>
        <translation>GeoSpectra 模型是由 `make train-geospectra` 写出的 .safetensors 文件。</translation>
    </message>
    <message>
        <source>architecture sizes</source>
        <translation>架构尺寸</translation>
    </message>
    <message>
        <source>architecture settings</source>
        <translation>架构设置</translation>
    </message>
    <message>
        <source>graph data set contract</source>
        <translation>图数据集约定</translation>
    </message>
    <message>
        <source>{0} network</source>
        <translation>{0} 网络</translation>
    </message>
    <message>
        <source>{0} architecture</source>
        <translation>{0} 架构</translation>
    </message>
    <message>
        <source>The reference raster '{0}'</source>
        <translation>参考栅格“{0}”</translation>
    </message>
    <message>
        <source>The reference raster</source>
        <translation>参考栅格</translation>
    </message>
    <message>
        <source>The raster to map</source>
        <translation>待制图栅格</translation>
    </message>
    <message>
        <source>The raster '{0}'</source>
        <translation>栅格“{0}”</translation>
    </message>
    <message>
        <source>The raster</source>
        <translation>栅格</translation>
    </message>
    <message>
        <source>The probability raster</source>
        <translation>概率栅格</translation>
    </message>
    <message>
        <source>Raster '{0}'</source>
        <translation>栅格“{0}”</translation>
    </message>
    <message>
        <source>The deposit layer</source>
        <translation>矿床图层</translation>
    </message>
    <message>
        <source>The known-deposit layer</source>
        <translation>已知矿床图层</translation>
    </message>
    <message>
        <source>layer '{0}' of '{1}'</source>
        <translation>“{1}”的图层“{0}”</translation>
    </message>
    <message>
        <source>Feature {0} of {1}</source>
        <translation>{1}的要素 {0}</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>线</translation>
    </message>
    <message>
        <source>polygons</source>
        <translation>多边形</translation>
    </message>
    <message>
        <source>{0} geometries</source>
        <translation>{0} 几何</translation>
    </message>
    <message>
        <source>Wavelength table</source>
        <translation>波长表</translation>
    </message>
    <message>
        <source>a projected CRS such as WGS 84 / UTM zone {0} (EPSG:{1})</source>
        <translation>投影坐标系，例如 WGS 84 / UTM zone {0}（EPSG:{1}）</translation>
    </message>
    <message>
        <source>a projected CRS such as UTM</source>
        <translation>投影坐标系，例如 UTM</translation>
    </message>
    <message>
        <source>pluton</source>
        <translation>岩体</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>断裂</translation>
    </message>
    <message>
        <source>{0} is {1}×{2} pixels but {3} is {4}×{5}</source>
        <translation>{0}为 {1}×{2} 像元，而{3}为 {4}×{5} 像元</translation>
    </message>
    <message>
        <source>{0} is in CRS {1} but {2} is in {3}</source>
        <translation>{0}的坐标参考系为 {1}，而{2}为 {3}</translation>
    </message>
    <message>
        <source>their geotransform origins differ: ({0}, {1}) vs ({2}, {3})</source>
        <translation>二者的地理变换原点不同：({0}, {1}) 与 ({2}, {3})</translation>
    </message>
    <message>
        <source>their pixel sizes/rotations differ: {0}×{1} vs {2}×{3}</source>
        <translation>二者的像元大小/旋转不同：{0}×{1} 与 {2}×{3}</translation>
    </message>
    <message>
        <source>the first raster</source>
        <translation>第一个栅格</translation>
    </message>
    <message>
        <source>the second raster</source>
        <translation>第二个栅格</translation>
    </message>
    <message>
        <source>the probability raster</source>
        <translation>概率栅格</translation>
    </message>
    <message>
        <source>the uncertainty raster</source>
        <translation>不确定性栅格</translation>
    </message>
    <message>
        <source>Resample one onto the other (e.g. Raster ▸ Projections ▸ Warp with the other as the target extent and resolution).</source>
        <translation>请将其中一个重采样到另一个上（例如使用 栅格 ▸ 投影 ▸ 变形（重投影），以另一个为目标范围和分辨率）。</translation>
    </message>
    <message>
        <source>Compute the geology rasters on the grid of the hyperspectral raster (or resample) before stacking.</source>
        <translation>请先在高光谱栅格的网格上计算地质栅格（或进行重采样），再进行叠加。</translation>
    </message>
    <message>
        <source>band count</source>
        <translation>波段数</translation>
    </message>
    <message>
        <source>pixel size</source>
        <translation>像元大小</translation>
    </message>
    <message>
        <source>rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>band wavelengths</source>
        <translation>波段波长</translation>
    </message>
    <message>
        <source>data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>left out 1 record that is not a spectrum</source>
        <translation>略去 1 条非光谱记录</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>left out {0} records that are not spectra</source>
        <translation>略去 {0} 条非光谱记录</translation>
    </message>
    <message>
        <source>Could not apply the style {0}: {1}</source>
        <translation>无法应用样式 {0}：{1}</translation>
    </message>
    <message>
        <source>Prospectivity workflow</source>
        <translation>找矿远景工作流程</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <source>The whole workflow of the paper: keep the diagnostic bands, compute distance to plutons and faults, cut the stack into overlapping 10×10-pixel graphs labelled from the known pegmatites, train the node GCN (the paper's enhanced-GCN trunk scoring every pixel) and per-pixel gradient boosting, blended by rank (the default model, never far from the better of the two on areas they were not trained on), and write the probability heatmap and its uncertainty map. Open it in the graphical modeller to change any step (Train GCN ▸ Model = Enhanced GCN (paper) and stride 0 give the paper's configuration).</source>
        <translation>论文的完整工作流程：保留诊断波段，计算距岩体和距断层的距离，将叠加结果切分为相互重叠的 10×10 像元图并按已知伟晶岩标注，训练节点 GCN（采用论文增强 GCN 的主干对每个像元评分）和逐像元梯度提升，并按秩融合（默认模型；在二者都未参与训练的区域上，与两者中较好的一个相差无几），并写出概率热力图及其不确定性图。可在图形建模器中打开以修改任一步骤（训练 GCN ▸ 模型 = 增强型 GCN（论文方法）且步长为 0 即为论文的配置）。</translation>
    </message>
    <message>
        <source>Epochs (0 = the model's default)</source>
        <translation>训练轮数（0 = 模型默认值）</translation>
    </message>
    <message>
        <source>Deposits for the prediction-rate curve</source>
        <translation>用于预测率曲线的矿床</translation>
    </message>
    <message>
        <source>Deposit group field (e.g. status)</source>
        <translation>矿床分组字段（如 status）</translation>
    </message>
    <message>
        <source>Known mineralised bodies</source>
        <translation>已知含矿体</translation>
    </message>
    <message>
        <source>Training tile stride (pixels; 0 = tile size)</source>
        <translation>训练图块步长（像元；0 = 图块大小）</translation>
    </message>
    <message>
        <source>Trained model</source>
        <translation>训练好的模型</translation>
    </message>
    <message>
        <source>Actinolite</source>
        <translation>阳起石</translation>
    </message>
    <message>
        <source>Albite</source>
        <translation>钠长石</translation>
    </message>
    <message>
        <source>Allanite</source>
        <translation>褐帘石</translation>
    </message>
    <message>
        <source>Almandine</source>
        <translation>铁铝榴石</translation>
    </message>
    <message>
        <source>Alunite</source>
        <translation>明矾石</translation>
    </message>
    <message>
        <source>Andesine</source>
        <translation>中长石</translation>
    </message>
    <message>
        <source>Andradite</source>
        <translation>钙铁榴石</translation>
    </message>
    <message>
        <source>Anorthite</source>
        <translation>钙长石</translation>
    </message>
    <message>
        <source>Anthophyllite</source>
        <translation>直闪石</translation>
    </message>
    <message>
        <source>Apatite</source>
        <translation>磷灰石</translation>
    </message>
    <message>
        <source>Arsenopyrite</source>
        <translation>毒砂</translation>
    </message>
    <message>
        <source>Augite</source>
        <translation>普通辉石</translation>
    </message>
    <message>
        <source>Axinite</source>
        <translation>斧石</translation>
    </message>
    <message>
        <source>Beryl</source>
        <translation>绿柱石</translation>
    </message>
    <message>
        <source>Biotite</source>
        <translation>黑云母</translation>
    </message>
    <message>
        <source>Brookite</source>
        <translation>板钛矿</translation>
    </message>
    <message>
        <source>Brucite</source>
        <translation>水镁石</translation>
    </message>
    <message>
        <source>Bytownite</source>
        <translation>培长石</translation>
    </message>
    <message>
        <source>Calcite</source>
        <translation>方解石</translation>
    </message>
    <message>
        <source>Carnallite</source>
        <translation>光卤石</translation>
    </message>
    <message>
        <source>Cassiterite</source>
        <translation>锡石</translation>
    </message>
    <message>
        <source>Celestite</source>
        <translation>天青石</translation>
    </message>
    <message>
        <source>Chalcopyrite</source>
        <translation>黄铜矿</translation>
    </message>
    <message>
        <source>Chlorite</source>
        <translation>绿泥石</translation>
    </message>
    <message>
        <source>Chromite</source>
        <translation>铬铁矿</translation>
    </message>
    <message>
        <source>Chrysocolla</source>
        <translation>硅孔雀石</translation>
    </message>
    <message>
        <source>Clinoptilolite</source>
        <translation>斜发沸石</translation>
    </message>
    <message>
        <source>Cookeite</source>
        <translation>锂绿泥石</translation>
    </message>
    <message>
        <source>Corundum</source>
        <translation>刚玉</translation>
    </message>
    <message>
        <source>Cummingtonite</source>
        <translation>镁铁闪石</translation>
    </message>
    <message>
        <source>Cuprite</source>
        <translation>赤铜矿</translation>
    </message>
    <message>
        <source>Datolite</source>
        <translation>硅硼钙石</translation>
    </message>
    <message>
        <source>Diaspore</source>
        <translation>硬水铝石</translation>
    </message>
    <message>
        <source>Dickite</source>
        <translation>地开石</translation>
    </message>
    <message>
        <source>Diopside</source>
        <translation>透辉石</translation>
    </message>
    <message>
        <source>Dolomite</source>
        <translation>白云石</translation>
    </message>
    <message>
        <source>Enstatite</source>
        <translation>顽火辉石</translation>
    </message>
    <message>
        <source>Epidote</source>
        <translation>绿帘石</translation>
    </message>
    <message>
        <source>Galena</source>
        <translation>方铅矿</translation>
    </message>
    <message>
        <source>Gibbsite</source>
        <translation>三水铝石</translation>
    </message>
    <message>
        <source>Glauconite</source>
        <translation>海绿石</translation>
    </message>
    <message>
        <source>Glaucophane</source>
        <translation>蓝闪石</translation>
    </message>
    <message>
        <source>Goethite</source>
        <translation>针铁矿</translation>
    </message>
    <message>
        <source>Grossular</source>
        <translation>钙铝榴石</translation>
    </message>
    <message>
        <source>Gypsum</source>
        <translation>石膏</translation>
    </message>
    <message>
        <source>Halite</source>
        <translation>石盐</translation>
    </message>
    <message>
        <source>Halloysite</source>
        <translation>埃洛石</translation>
    </message>
    <message>
        <source>Hectorite</source>
        <translation>锂蒙脱石</translation>
    </message>
    <message>
        <source>Hedenbergite</source>
        <translation>钙铁辉石</translation>
    </message>
    <message>
        <source>Hematite</source>
        <translation>赤铁矿</translation>
    </message>
    <message>
        <source>Heulandite</source>
        <translation>片沸石</translation>
    </message>
    <message>
        <source>Hornblende</source>
        <translation>普通角闪石</translation>
    </message>
    <message>
        <source>Hypersthene</source>
        <translation>紫苏辉石</translation>
    </message>
    <message>
        <source>Illite</source>
        <translation>伊利石</translation>
    </message>
    <message>
        <source>Ilmenite</source>
        <translation>钛铁矿</translation>
    </message>
    <message>
        <source>Jadeite</source>
        <translation>硬玉</translation>
    </message>
    <message>
        <source>Jarosite</source>
        <translation>黄钾铁矾</translation>
    </message>
    <message>
        <source>K-feldspar</source>
        <translation>钾长石</translation>
    </message>
    <message>
        <source>Kaolinite</source>
        <translation>高岭石</translation>
    </message>
    <message>
        <source>Knebelite</source>
        <translation>锰铁橄榄石</translation>
    </message>
    <message>
        <source>Labradorite</source>
        <translation>拉长石</translation>
    </message>
    <message>
        <source>Lazurite</source>
        <translation>青金石</translation>
    </message>
    <message>
        <source>Lepidolite</source>
        <translation>锂云母</translation>
    </message>
    <message>
        <source>Magnetite</source>
        <translation>磁铁矿</translation>
    </message>
    <message>
        <source>Malachite</source>
        <translation>孔雀石</translation>
    </message>
    <message>
        <source>Mascagnite</source>
        <translation>铵矾</translation>
    </message>
    <message>
        <source>Monazite</source>
        <translation>独居石</translation>
    </message>
    <message>
        <source>Monticellite</source>
        <translation>钙镁橄榄石</translation>
    </message>
    <message>
        <source>Montmorillonite</source>
        <translation>蒙脱石</translation>
    </message>
    <message>
        <source>Muscovite</source>
        <translation>白云母</translation>
    </message>
    <message>
        <source>Natrolite</source>
        <translation>钠沸石</translation>
    </message>
    <message>
        <source>Nontronite</source>
        <translation>绿脱石</translation>
    </message>
    <message>
        <source>Olivine</source>
        <translation>橄榄石</translation>
    </message>
    <message>
        <source>Opal</source>
        <translation>蛋白石</translation>
    </message>
    <message>
        <source>Pectolite</source>
        <translation>针钠钙石</translation>
    </message>
    <message>
        <source>Phlogopite</source>
        <translation>金云母</translation>
    </message>
    <message>
        <source>Pigeonite</source>
        <translation>易变辉石</translation>
    </message>
    <message>
        <source>Prehnite</source>
        <translation>葡萄石</translation>
    </message>
    <message>
        <source>Psilomelane</source>
        <translation>硬锰矿</translation>
    </message>
    <message>
        <source>Pyrite</source>
        <translation>黄铁矿</translation>
    </message>
    <message>
        <source>Pyrophyllite</source>
        <translation>叶蜡石</translation>
    </message>
    <message>
        <source>Pyrrhotite</source>
        <translation>磁黄铁矿</translation>
    </message>
    <message>
        <source>Quartz</source>
        <translation>石英</translation>
    </message>
    <message>
        <source>Rhodochrosite</source>
        <translation>菱锰矿</translation>
    </message>
    <message>
        <source>Richterite</source>
        <translation>钠透闪石</translation>
    </message>
    <message>
        <source>Scapolite</source>
        <translation>方柱石</translation>
    </message>
    <message>
        <source>Sepiolite</source>
        <translation>海泡石</translation>
    </message>
    <message>
        <source>Serpentine</source>
        <translation>蛇纹石</translation>
    </message>
    <message>
        <source>Siderite</source>
        <translation>菱铁矿</translation>
    </message>
    <message>
        <source>Spessartine</source>
        <translation>锰铝榴石</translation>
    </message>
    <message>
        <source>Sphalerite</source>
        <translation>闪锌矿</translation>
    </message>
    <message>
        <source>Spodumene</source>
        <translation>锂辉石</translation>
    </message>
    <message>
        <source>Staurolite</source>
        <translation>十字石</translation>
    </message>
    <message>
        <source>Stilbite</source>
        <translation>辉沸石</translation>
    </message>
    <message>
        <source>Strontianite</source>
        <translation>菱锶矿</translation>
    </message>
    <message>
        <source>Talc</source>
        <translation>滑石</translation>
    </message>
    <message>
        <source>Thenardite</source>
        <translation>无水芒硝</translation>
    </message>
    <message>
        <source>Topaz</source>
        <translation>黄玉</translation>
    </message>
    <message>
        <source>Tourmaline</source>
        <translation>电气石</translation>
    </message>
    <message>
        <source>Tremolite</source>
        <translation>透闪石</translation>
    </message>
    <message>
        <source>Ulexite</source>
        <translation>钠硼解石</translation>
    </message>
    <message>
        <source>Vermiculite</source>
        <translation>蛭石</translation>
    </message>
    <message>
        <source>Vesuvianite</source>
        <translation>符山石</translation>
    </message>
    <message>
        <source>Witherite</source>
        <translation>毒重石</translation>
    </message>
    <message>
        <source>Wollastonite</source>
        <translation>硅灰石</translation>
    </message>
    <message>
        <source>Zoisite</source>
        <translation>黝帘石</translation>
    </message>
</context>
</TS>
