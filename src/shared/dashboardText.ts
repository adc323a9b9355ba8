// Every string the Training Dashboard webview shows, in English and Simplified Chinese, with {placeholders}.
import type { DashboardLanguage } from './dashboard';
import { textIn, type TextValues } from './textTemplate';

const en = {
  'title': 'Training Dashboard: {notebook}',
  'state.running': 'Training',
  'state.stopping': 'Stopping after this batch…',
  'state.done': 'Finished: {stopped}',
  'state.idle': 'Not trained yet. Run “BigModel: Train Model” to start.',
  'stopped.completed': 'completed',
  'stopped.cancelled': 'stopped',
  'stopped.early-stopping': 'stopped early (no more improvement)',
  'stopped.diverged': 'diverged',
  'stop': 'Stop',
  'stop.hint': 'Stop after the current batch and keep the weights',
  'metric.backend': 'Backend',
  'metric.device': 'Device',
  'metric.epoch': 'Epoch',
  'metric.speed': 'Speed',
  'metric.eta': 'Time left',
  'unit.samplesPerSecond': '{n} samples/s',
  'unit.seconds': '{n} s',
  'section.curves': 'Curves',
  'section.metrics': 'Current metrics',
  'section.evaluation': 'Where it fails',
  'section.summary': 'Summary',
  'section.runs': 'Runs',
  'section.compare': 'Compare runs',
  'runs.none': 'No runs yet: each training run of this notebook is listed here.',
  'runs.pick': 'Pick two or more runs to overlay their curves and see what changed between their cells.',
  'runs.label': 'Run {n}: {when}, {epochs} epochs, {final}',
  'runs.noHistory': 'Run {n} was recorded without its curve.',
  'compare.hyperparameters': 'Hyperparameters that changed',
  'compare.sameHyperparameters': 'The same hyperparameters.',
  'compare.cells': 'Cell changes from run {a} to run {b}',
  'compare.sameCells': 'The same cells.',
  'compare.noCells': 'These runs were recorded without their cells.',
  'compare.setting': 'Setting',
  'compare.run': 'Run {n}',
  'compare.curve': '{metric} of run {n}',
  'epoch': 'epoch',
  'notRecorded': 'not set',
} as const;

export type DashboardStringKey = keyof typeof en;

const zhCn: Record<DashboardStringKey, string> = {
  'title': '训练面板：{notebook}',
  'state.running': '正在训练',
  'state.stopping': '将在当前批次后停止…',
  'state.done': '已结束：{stopped}',
  'state.idle': '尚未训练。运行“BigModel: 训练模型”开始。',
  'stopped.completed': '已完成',
  'stopped.cancelled': '已停止',
  'stopped.early-stopping': '提前停止（不再改进）',
  'stopped.diverged': '已发散',
  'stop': '停止',
  'stop.hint': '在当前批次后停止并保留权重',
  'metric.backend': '后端',
  'metric.device': '设备',
  'metric.epoch': '轮次',
  'metric.speed': '速度',
  'metric.eta': '剩余时间',
  'unit.samplesPerSecond': '每秒 {n} 个样本',
  'unit.seconds': '{n} 秒',
  'section.curves': '曲线',
  'section.metrics': '当前指标',
  'section.evaluation': '模型在哪里出错',
  'section.summary': '总结',
  'section.runs': '运行记录',
  'section.compare': '比较运行',
  'runs.none': '还没有运行记录：此笔记本的每次训练都会列在这里。',
  'runs.pick': '选择两次或更多运行，叠加它们的曲线，并查看单元格之间的改动。',
  'runs.label': '第 {n} 次运行：{when}，{epochs} 轮，{final}',
  'runs.noHistory': '第 {n} 次运行没有记录曲线。',
  'compare.hyperparameters': '改动过的超参数',
  'compare.sameHyperparameters': '超参数相同。',
  'compare.cells': '从第 {a} 次到第 {b} 次运行的单元格改动',
  'compare.sameCells': '单元格相同。',
  'compare.noCells': '这些运行没有记录单元格。',
  'compare.setting': '设置',
  'compare.run': '第 {n} 次运行',
  'compare.curve': '第 {n} 次运行的 {metric}',
  'epoch': '轮次',
  'notRecorded': '未设置',
};

export const DASHBOARD_TEXT: Record<DashboardLanguage, Record<DashboardStringKey, string>> = { en, 'zh-cn': zhCn };

/** The dashboard's text in a language: `t('runs.label', { n: '2', … })`. */
export function dashboardText(language: DashboardLanguage): (key: DashboardStringKey, values?: TextValues) => string {
  return textIn(DASHBOARD_TEXT, en, language);
}
