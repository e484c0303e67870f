import { Document, Packer, Paragraph, Table, TableCell, TableRow, VerticalMergeType } from 'docx';
import type { ImportedProject } from '@jixiao/domain';

/** A cell as Word writes it: text, a column span (gridSpan) and a vertical merge (vMerge). */
function cell(text: string, options: { span?: number; merge?: 'restart' | 'continue' } = {}): TableCell {
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph(line)),
    ...(options.span ? { columnSpan: options.span } : {}),
    ...(options.merge ? { verticalMerge: options.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
  });
}

/**
 * The seed's target tables as a Word document, the way finance offices publish them: each table's
 * title as a paragraph, then one table per project, 7 columns wide — the unit line and 项目名称
 * spanning columns, 预算规模及资金用途 merged down over two rows, each 一级指标 merged down over
 * its indicators, 描述 and 指标值 spanning two columns each.
 */
export async function seedAsDocx(projects: readonly ImportedProject[]): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  for (const project of projects) {
    children.push(new Paragraph(`${project.tableNumber}.${project.title}`));
    const rows: TableRow[] = [
      new TableRow({ children: [cell(`${project.orgCode}${project.orgName}`, { span: 5 }), cell('单位：万元', { span: 2 })] }),
      new TableRow({ children: [cell('项目名称'), cell(project.name, { span: 6 })] }),
      new TableRow({
        children: [
          cell('预算规模及资金用途', { merge: 'restart' }),
          cell('预算数'),
          cell(String(project.budget.total)),
          cell('其中：财政资金'),
          cell(String(project.budget.fiscal)),
          cell('其他资金'),
          cell(project.budget.other ? String(project.budget.other) : ''),
        ],
      }),
      new TableRow({ children: [cell('', { merge: 'continue' }), cell(project.purpose, { span: 6 })] }),
      new TableRow({ children: [cell('绩效目标'), cell(project.goals.map((goal, i) => `${i + 1}.${goal}`).join('\n'), { span: 6 })] }),
      new TableRow({ children: [cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('绩效指标描述', { span: 2 }), cell('指标值', { span: 2 })] }),
    ];
    project.indicators.forEach((indicator, i) => {
      const first = i === 0 || project.indicators[i - 1].level1 !== indicator.level1;
      rows.push(
        new TableRow({
          children: [
            cell(first ? indicator.level1 : '', { merge: first ? 'restart' : 'continue' }),
            cell(indicator.level2),
            cell(indicator.name),
            cell(indicator.description, { span: 2 }),
            cell(indicator.target.raw, { span: 2 }),
          ],
        }),
      );
    });
    children.push(new Table({ rows }));
    children.push(new Paragraph(''));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
