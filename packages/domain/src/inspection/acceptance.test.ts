import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_LIMITS, checkAcceptance, type AcceptanceRecord } from './acceptance.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');
const repair = (changes: Partial<AcceptanceRecord> = {}): AcceptanceRecord => ({
  kind: 'REPAIR',
  itemName: '城关法庭屋面',
  passed: true,
  photos: [hash(1)],
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
    ['a checklist line needs its label', repair({ checklist: [{ label: '防水' }, { label: ' ' }] }), [['checklist[1].label', 'REQUIRED']]],
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
      repair({ checklist: [{ label: '检'.repeat(ACCEPTANCE_LIMITS.checklistLabel + 1) }] }),
      [['checklist[0].label', 'TOO_LONG']],
    ],
    [
      'too many checklist lines',
      repair({ checklist: Array.from({ length: ACCEPTANCE_LIMITS.checklistLines + 1 }, (_, i) => ({ label: `第${i + 1}项` })) }),
      [['checklist', 'TOO_MANY']],
    ],
    ['too many photos', repair({ photos: Array.from({ length: ACCEPTANCE_LIMITS.photos + 1 }, (_, i) => hash(i)) }), [['photos', 'TOO_MANY']]],
    [
      'a blank form lists everything, in the order of the form',
      { kind: 'REPAIR', itemName: '', passed: null, photos: [] },
      [
        ['itemName', 'REQUIRED'],
        ['photos', 'REQUIRED'],
        ['passed', 'REQUIRED'],
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
  ])('says in Chinese what is wrong: %s', (_label, record, message) => {
    expect(checkAcceptance(record)[0].message).toBe(message);
  });
});
