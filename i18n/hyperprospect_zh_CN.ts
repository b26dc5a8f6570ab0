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
        <source>low confidence (best {0}): the spectrum may be a mixture or none of the minerals the model knows</source>
        <translation>置信度低（最高 {0}）：该光谱可能是混合物，或不属于模型已知的任何矿物</translation>
    </message>
    <message>
        <source>shows the red edge of green vegetation (near-infrared much brighter than red): the mineral names are unreliable</source>
        <translation>呈现绿色植被的红边（近红外远亮于红光）：矿物名称不可靠</translation>
    </message>
    <message>
        <source>covers only {0}–{1} nm of the model's range; minerals told apart outside it may be confused</source>
        <translation>仅覆盖模型范围中的 {0}–{1} nm；依靠该范围以外特征区分的矿物可能被混淆</translation>
    </message>
    <message>
        <source>values are {0}, not reflectance; the result is unreliable</source>
        <translation>数值为 {0}，而非反射率；结果不可靠</translation>
    </message>
    <message>
        <source>spectrum {0} ({1}–{2} nm) has fewer than {3} valid samples inside the model's {4}–{5} nm range; it cannot be identified</source>
        <translation>光谱 {0}（{1}–{2} nm）在模型的 {4}–{5} nm 范围内的有效采样点少于 {3} 个，无法识别</translation>
    </message>
    <message>
        <source>truncated ASD file: {0} bytes, the header alone needs {1}</source>
        <translation>ASD 文件不完整：仅 {0} 字节，而文件头就需要 {1} 字节</translation>
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
        <source>JCAMP-DX file without a complete block (no ##END=; truncated?)</source>
        <translation>JCAMP-DX 文件缺少完整的数据块（没有 ##END=；文件被截断？）</translation>
    </message>
    <message>
        <source>ENVI header lacks '{0}'</source>
        <translation>ENVI 头文件缺少“{0}”</translation>
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
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>{0}, not a spectrum file</source>
        <translation>{0}，不是光谱文件</translation>
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
        <source>Largest distance (m)</source>
        <translation>最大距离 (m)</translation>
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
        <source>Status field</source>
        <translation>状态字段</translation>
    </message>
    <message>
        <source>One curve per value. Leave empty to score all deposits as one fertile group.</source>
        <translation>每个取值一条曲线。留空则将所有矿床作为一个含矿组评分。</translation>
    </message>
    <message>
        <source>Barren status values</source>
        <translation>无矿状态值</translation>
    </message>
    <message>
        <source>Comma-separated, case-insensitive (default 'barren').</source>
        <translation>逗号分隔，不区分大小写（默认 'barren'）。</translation>
    </message>
    <message>
        <source>Fertile status values</source>
        <translation>含矿状态值</translation>
    </message>
    <message>
        <source>Comma-separated; empty = every status that is not barren. Name e.g. 'hidden' to judge the map on the bodies it was not trained on only.</source>
        <translation>逗号分隔；留空 = 所有非无矿状态。例如填写 'hidden'，仅以模型未训练过的矿体评判该图。</translation>
    </message>
    <message>
        <source>Background buffer</source>
        <translation>背景缓冲距离</translation>
    </message>
    <message>
        <source>Background pixels must lie this far (m) outside every body, so the edge of a body blurred by the map is not counted against it.</source>
        <translation>背景像元须位于所有矿体之外至少此距离（米），以免图中矿体被模糊的边缘被算作不利证据。</translation>
    </message>
    <message>
        <source>Evaluation JSON</source>
        <translation>评估 JSON</translation>
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
        <source>Evaluation plots (PNG)</source>
        <translation>评估图（PNG）</translation>
    </message>
    <message>
        <source>Prediction-rate AUC per status (JSON)</source>
        <translation>各状态的预测率 AUC（JSON）</translation>
    </message>
    <message>
        <source>Identify minerals in spectra</source>
        <translation>光谱矿物识别</translation>
    </message>
    <message>
        <source>Reads spectrometer files (ASD FieldSpec, Spectra Vista .sig, Spectral Evolution .sed, ENVI spectral libraries, USGS/ECOSTRESS/RELAB ASCII, JCAMP-DX, CSV) and names the mineral of every spectrum with the GeoSpectra cross-instrument network shipped with the plugin. The output table has one row per spectrum: the file, the spectrum's name, the instrument, the top candidates with their probabilities, notes (low confidence, vegetation, partial wavelength coverage) and, where the file records a GPS fix, a point. Files that cannot be read get a row with the reason. The model knows a closed list of minerals: a spectrum of something else still gets the nearest names, flagged as low confidence.</source>
        <translation>读取光谱仪文件（ASD FieldSpec、Spectra Vista .sig、Spectral Evolution .sed、ENVI 波谱库、USGS/ECOSTRESS/RELAB ASCII、JCAMP-DX、CSV），用插件自带的 GeoSpectra 跨仪器网络识别每条光谱的矿物。输出表每条光谱一行：文件、光谱名称、仪器、前几位候选矿物及其概率、提示（置信度低、植被、波长覆盖不全），文件中有 GPS 定位时附带点位。无法读取的文件也占一行并给出原因。模型只认识一个封闭的矿物列表：其他物质的光谱仍会得到最相近的名称，并标记为低置信度。</translation>
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
        <source>Applies the GeoSpectra network to every pixel of a hyperspectral reflectance raster, seeing each pixel as the sensor recorded it (band centres and FWHM from the file or a sensor preset). Writes a class raster on the input grid (GDAL category names, a legend of mineral names; 'no diagnostic feature' where the pixel shows no absorption a mineral can be told by in the covered range, 'nodata' where the input has none), a confidence raster (_confidence.tif: probability of the mapped answer) and, for the minerals you pick, probability bands (_probabilities.tif, one band per mineral, usable as extra channels in Build graphs). Only minerals with a diagnostic feature inside the image's wavelength range can be mapped: on a 2.0–2.5 µm image iron oxides cannot be the answer.</source>
        <translation>将 GeoSpectra 网络应用于高光谱反射率栅格的每个像元，并按传感器实际记录的方式看待每个像元（波段中心和半高宽取自文件或传感器预设）。在输入网格上写出分类栅格（GDAL 类别名称及矿物名称图例；像元在覆盖波段内没有可用于识别矿物的吸收特征时为“无诊断特征”，输入无数据处为“无数据”）、置信度栅格（_confidence.tif：所填矿物的概率），以及所选矿物的概率波段（_probabilities.tif，每种矿物一个波段，可作为“构建图数据集”的附加通道）。只有诊断特征位于影像波长范围内的矿物才能被填图：在 2.0–2.5 µm 影像上，铁氧化物不可能成为答案。</translation>
    </message>
    <message>
        <source>Sensor preset</source>
        <translation>传感器预设</translation>
    </message>
    <message>
        <source>Used when the raster carries no wavelengths.</source>
        <translation>当栅格不含波长信息时使用。</translation>
    </message>
    <message>
        <source>Probability bands</source>
        <translation>概率波段</translation>
    </message>
    <message>
        <source>Minerals whose probability is written as bands (optional).</source>
        <translation>以波段形式写出其概率的矿物（可选）。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Empty = the shipped model.</source>
        <translation>留空 = 随插件提供的模型。</translation>
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
        <source>Exploration targets from a heatmap</source>
        <translation>由热力图生成勘查靶区</translation>
    </message>
    <message>
        <source>Turns a probability heatmap into target polygons to take to the field: contiguous ground with a probability at or above a threshold, or in the top share of the area by rank (ground tied at the cut is left out when it would exceed the share, so a flat background never becomes a target). Each target carries its rank (1 = highest mean probability), area in m² and km², mean and maximum probability, mean and maximum uncertainty (with an uncertainty raster on the same grid) and the distance in metres to the nearest known deposit (0 when it touches one; with a layer of known deposits, in any CRS). Targets smaller than the minimum area are dropped. Written as a GeoPackage; the raster must be in a projected CRS so that areas are in metres.</source>
        <translation>将概率热力图转换为可带到野外的靶区多边形：概率不低于阈值的连续区域，或按排序位于面积前若干比例内的连续区域（若计入与截断值相同的像元会超出该比例，则将其排除，因此平坦背景不会成为靶区）。每个靶区包含：排序（1 = 平均概率最高）、面积（m² 和 km²）、平均和最大概率、平均和最大不确定性（提供同网格的不确定性栅格时）以及到最近已知矿床的距离（米；与之接触时为 0；需提供已知矿床图层，坐标系不限）。小于最小面积的靶区将被删除。输出为 GeoPackage；栅格须为投影坐标系，以便以米计算面积。</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>选择方式</translation>
    </message>
    <message>
        <source>A probability threshold, or the top share of the valid area (percent) by rank.</source>
        <translation>概率阈值，或按排序的有效面积前若干比例（百分比）。</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>连通性</translation>
    </message>
    <message>
        <source>8: pixels touching at a corner form one target (follows thin diagonal dykes); 4: only pixels sharing an edge.</source>
        <translation>8：角点相接的像元构成同一靶区（可追踪斜向细脉）；4：仅共边的像元。</translation>
    </message>
    <message>
        <source>Known deposits</source>
        <translation>已知矿床</translation>
    </message>
    <message>
        <source>A target far from every known deposit is a new idea; one on top of a known deposit confirms the map.</source>
        <translation>远离所有已知矿床的靶区是新的找矿思路；与已知矿床重合的靶区则印证了该图。</translation>
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
        <source>Minimum target area (m²)</source>
        <translation>最小靶区面积（m²）</translation>
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
        <source>Trains the paper's enhanced graph convolutional network (three GCN layers with batch normalisation, two batch-normalised residual projections, global add pooling) on a graph data set, with Adam, learning rate 0.001, hidden size 256 and 200 epochs by default, keeping the checkpoint best on validation. The 7:3 train/validation split takes whole spatial blocks, spread evenly over the area, so overlapping or touching tiles never leak across it. Optionally trains the baselines on the same split (plain GCN, CNN on the tiles, SVM on the spectral channels) and a grid search over hidden size and learning rate. Writes a self-describing model file (safetensors + JSON: channels, wavelengths, normalisation, tile size, classes) and an HTML report with loss curves, metrics, confusion matrix, ROC and precision-recall curves and the comparison table. Training runs in a separate process: QGIS stays responsive and cancel stops it promptly.</source>
        <translation>在图数据集上训练论文中的改进图卷积网络（三层带批归一化的 GCN、两个批归一化残差投影、全局加和池化），默认使用 Adam、学习率 0.001、隐藏层 256、200 轮，保留验证集上最优的检查点。7:3 的训练/验证划分以整块空间区块为单位并在研究区内均匀分布，重叠或相邻的图块不会跨划分泄漏。可选在相同划分上训练基线模型（原始 GCN、基于图块的 CNN、仅用光谱通道的 SVM）以及对隐藏层大小和学习率进行网格搜索。输出自描述的模型文件（safetensors + JSON：通道、波长、归一化、图块大小、类别）和包含损失曲线、指标、混淆矩阵、ROC 与精确率-召回率曲线及对比表的 HTML 报告。训练在独立进程中运行：QGIS 保持响应，取消可立即停止。</translation>
    </message>
    <message>
        <source>Node GCN (recommended) scores every pixel: the paper's enhanced-GCN trunk with one output per node, spectral-shape features (log reflectance relative to its mean, continuum-removed depth) and a per-pixel skip, trained on the pixels of the known bodies; its map follows the dykes and beats the tile models on areas it was not trained on (README, 'How good is the map'). Enhanced GCN (paper) classifies whole tiles as in Table 1.</source>
        <translation>节点 GCN（推荐）对每个像元评分：采用论文增强 GCN 的主干，每个节点一个输出，加入光谱形态特征（相对均值的对数反射率、去包络深度）和逐像元跳连，以已知矿体的像元训练；其图件沿岩脉分布，在未参与训练的区域上优于瓦片模型（见 README“How good is the map”）。增强 GCN（论文）按表 1 对整个瓦片分类。</translation>
    </message>
    <message>
        <source>Also train plain GCN, CNN and SVM (and, for the node GCN, the paper's enhanced GCN) on the same split (the paper's Fig. 6).</source>
        <translation>在同一划分上同时训练普通 GCN、CNN 和 SVM（对节点 GCN 还包括论文的增强 GCN）（论文图 6）。</translation>
    </message>
    <message>
        <source>Try hidden sizes 64/128/256 × learning rates 0.01/0.001/0.0001 before the final run.</source>
        <translation>在正式训练前尝试隐藏层大小 64/128/256 × 学习率 0.01/0.001/0.0001。</translation>
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
        <source>Node GCN: every pixel (recommended)</source>
        <translation>节点 GCN：逐像元（推荐）</translation>
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
        <source>Prospectivity workflow</source>
        <translation>找矿远景工作流程</translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation>工作流程</translation>
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
