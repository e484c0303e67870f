import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_LIMITS, checkAcceptance, type AcceptanceRecord } from './acceptance.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const repair = (changes: Partial<AcceptanceRecord> = {}): AcceptanceRecord => ({
  kind: 'REPAIR',
  itemName: '城关法庭屋面',
  passed: true,
  photos: [hash(1)],
  signature: hash(99),
  signatureRequired: true,
  ...changes,
});

describe('checkAcceptance', () => {
  it.each<[string, AcceptanceRecord, Array<[string, string]>]>([
    ['a passed repair with a photo can be recorded', repair(), []],
    ['a passed equipment acceptance needs no photo', repair({ kind: 'EQUIPMENT', photos: [] }), []],
    ['a repair acceptance needs a photo: the photo is the evidence of the work', repair({ photos: [] }), [['photos', 'REQUIRED']]],
    ['the item must be named, and blanks are no name', repair({ itemName: ' \u3000 ' }), [['itemName', 'REQUIRED']]],
    ['a result must be chosen', repair({ passed: null }), [['passed', 'REQUIRED']]],
    ['a failed acceptance says why', repair({ passed: false }), [['note', 'REQUIRED']]],
    ['a failed acceptance with a reason can be recorded', repair({ passed: false, note: '窗框松动' }), []],
    ['a reason of blanks is no reason', repair({ passed: false, note: '   ' }), [['note', 'REQUIRED']]],
    [
      'a checklist line needs its label',
      repair({
        checklist: [
          { label: '防水', passed: true },
          { label: ' ', passed: true },
        ],
      }),
      [['checklist[1].label', 'REQUIRED']],
    ],
    [
      'a checklist answered line by line can be recorded',
      repair({
        checklist: [
          { label: '屋面防水', passed: true },
          { label: '门窗', passed: true },
        ],
      }),
      [],
    ],
    [
      'every checklist line must be answered: none starts as 合格',
      repair({
        checklist: [
          { label: '屋面防水', passed: null },
          { label: '门窗', passed: true },
          { label: '墙面', passed: null },
        ],
      }),
      [
        ['checklist[0].passed', 'REQUIRED'],
        ['checklist[2].passed', 'REQUIRED'],
      ],
    ],
    [
      'an overall 合格 with a failed line contradicts the checklist',
      repair({
        checklist: [
          { label: '屋面防水', passed: false },
          { label: '门窗', passed: true },
        ],
      }),
      [['passed', 'CONTRADICTS']],
    ],
    [
      'an overall 不合格 with a failed line is what the checklist says',
      repair({ checklist: [{ label: '屋面防水', passed: false }], passed: false, note: '屋面渗水' }),
      [],
    ],
    [
      'an overall 不合格 may have every line 合格 (something else failed)',
      repair({ checklist: [{ label: '门窗', passed: true }], passed: false, note: '现场未清理' }),
      [],
    ],
    [
      'no overall result and a failed line: the result is missing, nothing contradicts yet',
      repair({ checklist: [{ label: '屋面防水', passed: false }], passed: null }),
      [['passed', 'REQUIRED']],
    ],
    ['the accepting person signs when the project asks for it', repair({ signature: null }), [['signature', 'REQUIRED']]],
    ['a signature of blanks is no signature', repair({ signature: '  ' }), [['signature', 'REQUIRED']]],
    ['no signature where the project does not ask for one', repair({ signature: null, signatureRequired: false }), []],
    ['an equipment acceptance is signed too', repair({ kind: 'EQUIPMENT', photos: [], signature: null }), [['signature', 'REQUIRED']]],
    ['a photo given twice', repair({ photos: [hash(1), hash(1)] }), [['photos', 'REPEATED']]],
    ['the item name at its limit', repair({ itemName: '屋'.repeat(ACCEPTANCE_LIMITS.itemName) }), []],
    ['the item name over its limit', repair({ itemName: '屋'.repeat(ACCEPTANCE_LIMITS.itemName + 1) }), [['itemName', 'TOO_LONG']]],
    [
      'a serial number over its limit',
      repair({ kind: 'EQUIPMENT', serialNumber: 'S'.repeat(ACCEPTANCE_LIMITS.serialNumber + 1) }),
      [['serialNumber', 'TOO_LONG']],
    ],
    ['a note over its limit', repair({ note: '字'.repeat(ACCEPTANCE_LIMITS.note + 1) }), [['note', 'TOO_LONG']]],
    [
      'a checklist label over its limit',
      repair({ checklist: [{ label: '检'.repeat(ACCEPTANCE_LIMITS.checklistLabel + 1), passed: true }] }),
      [['checklist[0].label', 'TOO_LONG']],
    ],
    [
      'too many checklist lines',
      repair({ checklist: Array.from({ length: ACCEPTANCE_LIMITS.checklistLines + 1 }, (_, i) => ({ label: `第${i + 1}项`, passed: true })) }),
      [['checklist', 'TOO_MANY']],
    ],
    ['too many photos', repair({ photos: Array.from({ length: ACCEPTANCE_LIMITS.photos + 1 }, (_, i) => hash(i)) }), [['photos', 'TOO_MANY']]],
    [
      'a blank form lists everything, in the order of the form',
      { kind: 'REPAIR', itemName: '', checklist: [{ label: '屋面防水', passed: null }], passed: null, photos: [], signature: null, signatureRequired: true },
      [
        ['itemName', 'REQUIRED'],
        ['checklist[0].passed', 'REQUIRED'],
        ['photos', 'REQUIRED'],
        ['passed', 'REQUIRED'],
        ['signature', 'REQUIRED'],
      ],
    ],
  ])('%s', (_label, record, expected) => {
    expect(checkAcceptance(record).map((problem) => [problem.field, problem.rule])).toEqual(expected);
  });

  it.each<[string, AcceptanceRecord, string]>([
    ['the missing photo', repair({ photos: [] }), '维修验收至少需要一张照片'],
    ['the missing reason', repair({ passed: false }), '验收不合格时请说明原因'],
    ['the length, counted after trimming', repair({ itemName: ` ${'屋'.repeat(201)} ` }), '验收对象最长 200 个字符，实际为 201'],
    ['the photo limit', repair({ photos: Array.from({ length: 31 }, (_, i) => hash(i)) }), '照片最多 30 张'],
    ['the unanswered line, by its label', repair({ checklist: [{ label: ' 屋面防水 ', passed: null }] }), '请选择「屋面防水」是否合格'],
    [
      'the failed lines that contradict 合格',
      repair({
        checklist: [
          { label: '屋面防水', passed: false },
          { label: '门窗', passed: true },
          { label: '墙面', passed: false },
        ],
      }),
      '「屋面防水」、「墙面」不合格，总体结论不能为合格',
    ],
    ['the missing signature', repair({ signature: null }), '请验收人签名'],
  ])('says in Chinese what is wrong: %s', (_label, record, message) => {
    expect(checkAcceptance(record)[0].message).toBe(message);
  });

  it('names a checklist line without a label by its number', () => {
    const record = repair({
      checklist: [
        { label: '门窗', passed: true },
        { label: '', passed: null },
      ],
    });
    expect(checkAcceptance(record).map((problem) => problem.message)).toEqual(['检查项不能为空', '请选择「第 2 项」是否合格']);
  });
});
